package io.skybridge.emulator;

import com.google.api.gax.core.NoCredentialsProvider;
import com.google.api.gax.longrunning.OperationTimedPollAlgorithm;
import com.google.api.gax.retrying.RetrySettings;
import com.google.api.gax.rpc.FixedHeaderProvider;
import com.google.api.gax.rpc.StatusCode;
import com.google.cloud.compute.v1.AccessConfig;
import com.google.cloud.compute.v1.AttachedDisk;
import com.google.cloud.compute.v1.AttachedDiskInitializeParams;
import com.google.cloud.compute.v1.ExternalVpnGatewaysClient;
import com.google.cloud.compute.v1.Instance;
import com.google.cloud.compute.v1.NetworkInterface;
import com.google.cloud.compute.v1.ExternalVpnGatewaysSettings;
import com.google.cloud.compute.v1.FirewallsClient;
import com.google.cloud.compute.v1.FirewallsSettings;
import com.google.cloud.compute.v1.InstancesClient;
import com.google.cloud.compute.v1.InstancesSettings;
import com.google.cloud.compute.v1.NetworksClient;
import com.google.cloud.compute.v1.NetworksSettings;
import com.google.cloud.compute.v1.RoutersClient;
import com.google.cloud.compute.v1.RoutersSettings;
import com.google.cloud.compute.v1.SubnetworksClient;
import com.google.cloud.compute.v1.SubnetworksSettings;
import com.google.cloud.compute.v1.VpnGatewaysClient;
import com.google.cloud.compute.v1.VpnGatewaysSettings;
import com.google.cloud.compute.v1.VpnTunnelsClient;
import com.google.cloud.compute.v1.VpnTunnelsSettings;
import com.google.cloud.compute.v1.ZoneOperationsClient;
import com.google.cloud.compute.v1.ZoneOperationsSettings;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.Map;

/** google-cloud-compute clients pointed at an emulator, with short retries and fast LRO polling. */
public final class GceClients {
    public static final String PROJECT = "skybridge-demo";
    public static final String ZONE = "us-central1-a";
    public static final String REGION = "us-central1";

    /** Unary calls: at most 3 attempts within 5 s (the default retries 503 for 600 s). */
    public static final RetrySettings UNARY = RetrySettings.newBuilder()
        .setInitialRetryDelayDuration(Duration.ofMillis(20)).setRetryDelayMultiplier(1.5).setMaxRetryDelayDuration(Duration.ofMillis(200))
        .setInitialRpcTimeoutDuration(Duration.ofSeconds(5)).setRpcTimeoutMultiplier(1.0).setMaxRpcTimeoutDuration(Duration.ofSeconds(5))
        .setTotalTimeoutDuration(Duration.ofSeconds(5)).setMaxAttempts(3).build();
    /** LRO polling every 50–200 ms for up to 30 s. */
    public static final RetrySettings POLL = RetrySettings.newBuilder()
        .setInitialRetryDelayDuration(Duration.ofMillis(50)).setRetryDelayMultiplier(1.5).setMaxRetryDelayDuration(Duration.ofMillis(200))
        .setInitialRpcTimeoutDuration(Duration.ofSeconds(5)).setRpcTimeoutMultiplier(1.0).setMaxRpcTimeoutDuration(Duration.ofSeconds(5))
        .setTotalTimeoutDuration(Duration.ofSeconds(30)).build();

    private GceClients() {
    }

    /** An e2-standard-2 VM in us-central1-a on the seeded skybridge-nodes subnetwork with an external IP. */
    public static Instance vm(String name, Map<String, String> labels) {
        return Instance.newBuilder().setName(name)
            .setMachineType("zones/" + ZONE + "/machineTypes/e2-standard-2")
            .addDisks(AttachedDisk.newBuilder().setBoot(true).setAutoDelete(true)
                .setInitializeParams(AttachedDiskInitializeParams.newBuilder().setSourceImage("projects/debian-cloud/global/images/family/debian-12").build()).build())
            .addNetworkInterfaces(NetworkInterface.newBuilder().setSubnetwork("regions/us-central1/subnetworks/skybridge-nodes")
                .addAccessConfigs(AccessConfig.newBuilder().setName("External NAT").setType("ONE_TO_ONE_NAT").build()).build())
            .putAllLabels(labels).build();
    }

    private static FixedHeaderProvider headers(String client) {
        return FixedHeaderProvider.create(client == null ? Map.of() : Map.of("X-Skybridge-Client", client));
    }

    public static InstancesClient instances(Emulator emu) {
        return instances(emu, null);
    }

    public static InstancesClient instances(Emulator emu, String clientName) {
        try {
            InstancesSettings.Builder b = InstancesSettings.newBuilder().setEndpoint(emu.gcpEndpoint())
                .setCredentialsProvider(NoCredentialsProvider.create()).setHeaderProvider(headers(clientName));
            b.applyToAllUnaryMethods(s -> {
                s.setRetrySettings(UNARY);
                return null;
            });
            b.insertOperationSettings().setPollingAlgorithm(OperationTimedPollAlgorithm.create(POLL));
            b.deleteOperationSettings().setPollingAlgorithm(OperationTimedPollAlgorithm.create(POLL));
            b.stopOperationSettings().setPollingAlgorithm(OperationTimedPollAlgorithm.create(POLL));
            b.startOperationSettings().setPollingAlgorithm(OperationTimedPollAlgorithm.create(POLL));
            b.listSettings().setRetrySettings(UNARY);
            b.aggregatedListSettings().setRetrySettings(UNARY);
            b.getSettings().setRetrySettings(UNARY).setRetryableCodes(StatusCode.Code.UNAVAILABLE);
            return InstancesClient.create(b.build());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static ZoneOperationsClient zoneOperations(Emulator emu) {
        try {
            ZoneOperationsSettings.Builder b = ZoneOperationsSettings.newBuilder().setEndpoint(emu.gcpEndpoint())
                .setCredentialsProvider(NoCredentialsProvider.create());
            b.applyToAllUnaryMethods(s -> {
                s.setRetrySettings(UNARY);
                return null;
            });
            return ZoneOperationsClient.create(b.build());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static NetworksClient networks(Emulator emu) {
        try {
            NetworksSettings.Builder b = NetworksSettings.newBuilder().setEndpoint(emu.gcpEndpoint()).setCredentialsProvider(NoCredentialsProvider.create());
            b.applyToAllUnaryMethods(s -> {
                s.setRetrySettings(UNARY);
                return null;
            });
            return NetworksClient.create(b.build());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static SubnetworksClient subnetworks(Emulator emu) {
        try {
            SubnetworksSettings.Builder b = SubnetworksSettings.newBuilder().setEndpoint(emu.gcpEndpoint()).setCredentialsProvider(NoCredentialsProvider.create());
            b.applyToAllUnaryMethods(s -> {
                s.setRetrySettings(UNARY);
                return null;
            });
            return SubnetworksClient.create(b.build());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static VpnGatewaysClient vpnGateways(Emulator emu) {
        try {
            VpnGatewaysSettings.Builder b = VpnGatewaysSettings.newBuilder().setEndpoint(emu.gcpEndpoint()).setCredentialsProvider(NoCredentialsProvider.create());
            b.applyToAllUnaryMethods(s -> {
                s.setRetrySettings(UNARY);
                return null;
            });
            b.insertOperationSettings().setPollingAlgorithm(OperationTimedPollAlgorithm.create(POLL));
            return VpnGatewaysClient.create(b.build());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static ExternalVpnGatewaysClient externalVpnGateways(Emulator emu) {
        try {
            ExternalVpnGatewaysSettings.Builder b = ExternalVpnGatewaysSettings.newBuilder().setEndpoint(emu.gcpEndpoint()).setCredentialsProvider(NoCredentialsProvider.create());
            b.applyToAllUnaryMethods(s -> {
                s.setRetrySettings(UNARY);
                return null;
            });
            b.insertOperationSettings().setPollingAlgorithm(OperationTimedPollAlgorithm.create(POLL));
            return ExternalVpnGatewaysClient.create(b.build());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static VpnTunnelsClient vpnTunnels(Emulator emu) {
        try {
            VpnTunnelsSettings.Builder b = VpnTunnelsSettings.newBuilder().setEndpoint(emu.gcpEndpoint()).setCredentialsProvider(NoCredentialsProvider.create());
            b.applyToAllUnaryMethods(s -> {
                s.setRetrySettings(UNARY);
                return null;
            });
            b.insertOperationSettings().setPollingAlgorithm(OperationTimedPollAlgorithm.create(POLL));
            b.deleteOperationSettings().setPollingAlgorithm(OperationTimedPollAlgorithm.create(POLL));
            return VpnTunnelsClient.create(b.build());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static RoutersClient routers(Emulator emu) {
        try {
            RoutersSettings.Builder b = RoutersSettings.newBuilder().setEndpoint(emu.gcpEndpoint()).setCredentialsProvider(NoCredentialsProvider.create());
            b.applyToAllUnaryMethods(s -> {
                s.setRetrySettings(UNARY);
                return null;
            });
            b.insertOperationSettings().setPollingAlgorithm(OperationTimedPollAlgorithm.create(POLL));
            b.patchOperationSettings().setPollingAlgorithm(OperationTimedPollAlgorithm.create(POLL));
            return RoutersClient.create(b.build());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static FirewallsClient firewalls(Emulator emu) {
        try {
            FirewallsSettings.Builder b = FirewallsSettings.newBuilder().setEndpoint(emu.gcpEndpoint()).setCredentialsProvider(NoCredentialsProvider.create());
            b.applyToAllUnaryMethods(s -> {
                s.setRetrySettings(UNARY);
                return null;
            });
            b.insertOperationSettings().setPollingAlgorithm(OperationTimedPollAlgorithm.create(POLL));
            return FirewallsClient.create(b.build());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
