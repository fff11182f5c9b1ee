package io.skybridge.emulator.http;

import io.skybridge.emulator.control.Faults;
import io.skybridge.emulator.control.Outage;
import io.skybridge.emulator.control.OutageMode;
import io.skybridge.emulator.control.PartitionMode;
import io.skybridge.emulator.world.Cloud;
import io.skybridge.emulator.world.World;
import io.vertx.core.Vertx;
import io.vertx.ext.web.RoutingContext;

/**
 * What stands between a provider API request and its handler: client partitions, outages, injected
 * latency and throttling. Capacity errors are decided by the create handlers themselves.
 */
public final class Gate {
    /** Header naming the calling client, for {@link World#partition}. */
    public static final String CLIENT_HEADER = "X-Skybridge-Client";

    /** Writes a provider-format error. */
    public interface ErrorWriter {
        void unavailable(RoutingContext ctx);

        void throttled(RoutingContext ctx);
    }

    private final World world;
    private final Vertx vertx;

    public Gate(World world, Vertx vertx) {
        this.world = world;
        this.vertx = vertx;
    }

    /**
     * Lets the request through to {@code proceed}, or fails it the way the world currently dictates.
     *
     * @param region the region the call concerns, or null for global calls
     */
    public void run(RoutingContext ctx, Cloud cloud, String region, String operation, ErrorWriter errors, Runnable proceed) {
        String client = ctx.request().getHeader(CLIENT_HEADER);
        PartitionMode pm = world.partitionOf(client);
        if (pm != null) {
            world.events().record(cloud.id(), region, "client.dropped", client, "operation", operation, "mode", pm.id());
            if (pm == PartitionMode.RESET) {
                ctx.request().connection().close();
            }
            return;
        }
        Outage outage = world.outageFor(cloud, region);
        if (outage != null) {
            world.events().record(cloud.id(), region, "outage.rejected", null, "operation", operation, "mode", outage.mode().id());
            if (outage.mode() == OutageMode.UNAVAILABLE) {
                errors.unavailable(ctx);
            }
            return;
        }
        Faults f = world.faults(cloud);
        Runnable rest = () -> {
            if (world.rollThrottle(cloud)) {
                world.events().record(cloud.id(), region, "fault.throttled", null, "operation", operation);
                errors.throttled(ctx);
                return;
            }
            proceed.run();
        };
        if (f.latencyMillis() > 0) {
            vertx.setTimer(f.latencyMillis(), t -> rest.run());
        } else {
            rest.run();
        }
    }
}
