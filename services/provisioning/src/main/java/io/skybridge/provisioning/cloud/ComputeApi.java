package io.skybridge.provisioning.cloud;

import java.util.List;
import java.util.Optional;

/** The port to one cloud's VMs. Every create is idempotent for the same {@link LaunchSpec#idempotencyKey()}. */
public interface ComputeApi {

    enum VmState { PENDING, RUNNING, GONE }

    /**
     * What to launch. {@code userData} carries the join configuration (a secret): it is never printed.
     * {@code idempotencyKey} is the EC2 ClientToken / the seed of the Compute Engine requestId.
     */
    record LaunchSpec(String nodeId, String poolId, String region, String zone, String machineType, String image,
                      String userData, String idempotencyKey) {
        @Override
        public String toString() {
            return "LaunchSpec[node=" + nodeId + ", pool=" + poolId + ", zone=" + zone + ", machineType=" + machineType
                    + ", image=" + image + ", userData=***]";
        }
    }

    /**
     * {@code count} VMs launched by one call (all or none), sharing {@code userData} (each VM takes its node name
     * at its launch index) and one {@code idempotencyKey}: repeating the call returns the same VMs.
     */
    record BatchSpec(String poolId, String region, String zone, String machineType, String image, String userData,
                     String idempotencyKey, int count) {
        @Override
        public String toString() {
            return "BatchSpec[pool=" + poolId + ", zone=" + zone + ", machineType=" + machineType + ", count=" + count
                    + ", userData=***]";
        }
    }

    record Vm(String instanceId, String name, String zone, String machineType, VmState state, String privateIp) {
    }

    /** {@code aws} or {@code gcp}. */
    String cloud();

    /** Creates the VM (or returns the one an earlier call with the same key created). */
    Vm launch(LaunchSpec spec);

    /** Whether {@link #launchAll} and {@link #describeAll} launch and read many VMs in one call. */
    default boolean launchesInBatches() {
        return false;
    }

    /**
     * Creates {@code spec.count()} VMs in one call (or returns those an earlier call with the same key created).
     *
     * @return the VMs in launch-index order
     */
    default List<Vm> launchAll(BatchSpec spec) {
        throw new UnsupportedOperationException(cloud() + " launches one VM per call");
    }

    /** The VMs of {@code instanceIds} (one region) that still exist, read in one call, by instance id. */
    default java.util.Map<String, Vm> describeAll(String region, List<String> instanceIds) {
        throw new UnsupportedOperationException(cloud() + " describes one VM per call");
    }

    /** The VM as the cloud sees it now; empty when it never existed or is gone for good. */
    Optional<Vm> describe(String region, String zone, String nodeId, String instanceId);

    /** The pool's VMs that are not terminated (tag / label {@code skybridge-pool}). */
    List<Vm> listPool(String region, List<String> zones, String poolId);

    /** Terminates the VM; a VM that is already gone is fine. */
    void terminate(String region, String zone, String nodeId, String instanceId);
}
