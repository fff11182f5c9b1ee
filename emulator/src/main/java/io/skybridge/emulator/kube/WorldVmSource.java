package io.skybridge.emulator.kube;

import com.fasterxml.jackson.databind.JsonNode;
import io.skybridge.emulator.aws.AwsState;
import io.skybridge.emulator.gcp.GcpState;
import io.skybridge.emulator.world.Cloud;
import io.skybridge.emulator.world.World;
import io.skybridge.emulator.world.WorldSpec;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/** {@link VmSource} over part 1's {@link World}: read-only, under the world lock. */
public final class WorldVmSource implements VmSource {
    private final World world;

    public WorldVmSource(World world) {
        this.world = world;
    }

    @Override
    public List<Vm> vms() {
        return world.locked(() -> {
            List<Vm> out = new ArrayList<>();
            for (AwsState.Instance i : world.aws().instances.values()) {
                VmState st = switch (i.state) {
                    case PENDING -> VmState.PENDING;
                    case RUNNING -> VmState.RUNNING;
                    case STOPPING, SHUTTING_DOWN -> VmState.STOPPING;
                    case STOPPED -> VmState.STOPPED;
                    case TERMINATED -> VmState.TERMINATED;
                };
                // a VM marked never-join (emulator fault) offers no join configuration: its kubelet never registers
                out.add(new Vm(Cloud.AWS, null, i.region, i.zone, i.id, i.id, i.instanceType, st, i.neverJoin ? null : decode(i.userData), i.privateIp, i.publicIp,
                    i.launchIndex));
            }
            String project = world.spec().gcp.project;
            for (GcpState.Resource r : world.gcp().resources.values()) {
                if (!"instances".equals(r.collection)) {
                    continue;
                }
                JsonNode j = r.json;
                VmState st = switch (j.path("status").asText()) {
                    case "RUNNING" -> VmState.RUNNING;
                    case "STOPPING", "SUSPENDING" -> VmState.STOPPING;
                    case "TERMINATED", "STOPPED", "SUSPENDED" -> VmState.STOPPED;
                    default -> VmState.PENDING;
                };
                String mt = j.path("machineType").asText("");
                mt = mt.substring(mt.lastIndexOf('/') + 1);
                String zone = r.scope;
                String region = zone.contains("-") ? zone.substring(0, zone.lastIndexOf('-')) : zone;
                JsonNode nic = j.path("networkInterfaces").path(0);
                String nat = nic.path("accessConfigs").path(0).path("natIP").asText(null);
                out.add(new Vm(Cloud.GCP, r.project != null ? r.project : project, region, zone, Long.toUnsignedString(r.id), r.name, mt, st,
                    r.hidden.containsKey(io.skybridge.emulator.gcp.GceApi.NEVER_JOIN_LABEL) ? null : joinText(j.path("metadata").path("items")),
                    nic.path("networkIP").asText(null), nat));
            }
            return out;
        });
    }

    private static String joinText(JsonNode items) {
        String startup = null;
        String userData = null;
        for (JsonNode it : items) {
            String k = it.path("key").asText();
            String v = it.path("value").asText(null);
            if ("skybridge-join".equals(k)) {
                return v;
            } else if ("startup-script".equals(k)) {
                startup = v;
            } else if ("user-data".equals(k)) {
                userData = v;
            }
        }
        return startup != null ? startup : userData;
    }

    private static String decode(String b64) {
        if (b64 == null || b64.isEmpty()) {
            return null;
        }
        try {
            return new String(Base64.getMimeDecoder().decode(b64), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return b64;
        }
    }

    @Override
    public MachineShape machineType(Cloud cloud, String name) {
        List<WorldSpec.MachineType> cat = cloud == Cloud.AWS ? world.spec().aws.instanceTypes : world.spec().gcp.machineTypes;
        for (WorldSpec.MachineType m : cat) {
            if (m.name.equals(name)) {
                return new MachineShape(m.vcpus, m.memoryMiB);
            }
        }
        return null;
    }

    @Override
    public boolean isHeartbeating(Cloud cloud, String region) {
        return world.isHeartbeating(cloud, region);
    }

    @Override
    public long nowMillis() {
        return world.clock().millis();
    }
}
