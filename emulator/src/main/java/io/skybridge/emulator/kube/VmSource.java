package io.skybridge.emulator.kube;

import io.skybridge.emulator.world.Cloud;

import java.util.List;

/** What the simulated kubelets need from the emulated clouds (part 1): the VMs, their machine shapes, reachability and time. */
public interface VmSource {

    enum VmState { PENDING, RUNNING, STOPPING, STOPPED, TERMINATED }

    /**
     * One VM. {@code userData}: EC2 user data (decoded) or the Compute Engine metadata value carrying the join
     * configuration ({@code skybridge-join}, else {@code startup-script}, else {@code user-data}).
     * {@code project}: the GCP project (null on AWS). {@code launchIndex}: the EC2 {@code amiLaunchIndex} (the
     * instance's place in a multi-instance {@code RunInstances}; 0 on Compute Engine).
     */
    record Vm(Cloud cloud, String project, String region, String zone, String instanceId, String name, String machineType,
              VmState state, String userData, String privateIp, String publicIp, int launchIndex) {
        public Vm(Cloud cloud, String project, String region, String zone, String instanceId, String name,
                  String machineType, VmState state, String userData, String privateIp, String publicIp) {
            this(cloud, project, region, zone, instanceId, name, machineType, state, userData, privateIp, publicIp, 0);
        }
    }

    /** vCPUs and memory of a machine type. */
    record MachineShape(int vcpus, long memoryMiB) {
    }

    List<Vm> vms();

    /** null when the catalogue does not know it. */
    MachineShape machineType(Cloud cloud, String name);

    /** Whether VMs of {@code cloud} in {@code region} can reach the API server (false during an outage). */
    boolean isHeartbeating(Cloud cloud, String region);

    /** The emulator's clock (advanceable), in epoch millis. */
    long nowMillis();

    /** No VMs at all: a cluster of API-created nodes only (tests, benchmark). */
    VmSource NONE = new VmSource() {
        @Override
        public List<Vm> vms() {
            return List.of();
        }

        @Override
        public MachineShape machineType(Cloud cloud, String name) {
            return null;
        }

        @Override
        public boolean isHeartbeating(Cloud cloud, String region) {
            return true;
        }

        @Override
        public long nowMillis() {
            return System.currentTimeMillis();
        }
    };
}
