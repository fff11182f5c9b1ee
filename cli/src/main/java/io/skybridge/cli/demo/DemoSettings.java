package io.skybridge.cli.demo;

import java.time.Duration;

/** Where the demo's stack is and how long each kind of step may take. */
public record DemoSettings(String bootstrapServers, String kubeUrl, String emulatorUrl, String principal,
                           Duration stepTimeout, Duration detectionTimeout, Duration failoverTimeout) {
}
