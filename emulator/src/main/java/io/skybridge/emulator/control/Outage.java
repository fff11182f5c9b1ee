package io.skybridge.emulator.control;

import io.skybridge.emulator.world.Cloud;

/**
 * An injected outage.
 *
 * @param cloud  the cloud
 * @param region the region, or null for the whole cloud
 * @param mode   how the API behaves
 * @param since  emulator time it started (ISO-8601)
 */
public record Outage(Cloud cloud, String region, OutageMode mode, String since) {
}
