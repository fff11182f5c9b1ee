package io.skybridge.inventory.cloud;

/** A VM as its cloud lists it. For GCP, {@code instanceId} is the numeric id and {@code name} the instance name. */
public record Vm(String cloud, String region, String zone, String instanceId, String name, String state) {

    /** Does {@code id} (an EC2 id, a GCE id or a GCE name) name this VM? */
    public boolean isNamed(String id) {
        return id != null && (id.equals(instanceId) || id.equals(name));
    }
}
