package io.skybridge.emulator.world;

import java.util.Map;

/**
 * One entry of the event log: something that happened in the emulated world.
 *
 * @param seq      monotonically increasing sequence number
 * @param time     emulator time (ISO-8601)
 * @param cloud    "aws", "gcp" or "control"
 * @param region   region the event concerns, or null
 * @param type     e.g. {@code instance.state}, {@code outage.started}, {@code fault.throttled}
 * @param resource the resource id or name, or null
 * @param details  extra attributes
 */
public record Event(long seq, String time, String cloud, String region, String type, String resource,
                    Map<String, Object> details) {
}
