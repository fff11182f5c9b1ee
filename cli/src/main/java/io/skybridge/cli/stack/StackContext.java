package io.skybridge.cli.stack;

import io.skybridge.cli.Ports;

/** What every component needs to know: the state directory, the ports, the built artifacts. */
public record StackContext(StateDir state, Ports ports, Installation installation) {
    public String kafkaBootstrap() {
        return "127.0.0.1:" + ports.kafka();
    }

    public String kubeUrl() {
        return "http://127.0.0.1:" + ports.kube();
    }

    public String emulatorControlUrl() {
        return "http://127.0.0.1:" + ports.emulatorControl();
    }
}
