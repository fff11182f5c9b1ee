package io.skybridge.inventory.cloud;

import io.skybridge.shared.cloud.CloudClients;
import com.google.api.gax.retrying.RetrySettings;
import com.google.api.gax.rpc.UnaryCallSettings;
import com.google.cloud.compute.v1.AggregatedListInstancesRequest;
import com.google.cloud.compute.v1.Instance;
import com.google.cloud.compute.v1.InstancesClient;
import com.google.cloud.compute.v1.InstancesSettings;
import io.skybridge.inventory.config.InventoryConfig;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** Compute Engine {@code instances.aggregatedList} over the configured projects, through google-cloud-compute. */
@ApplicationScoped
public class GcpInstances {
    private final InventoryConfig config;
    private volatile InstancesClient client;

    public GcpInstances(InventoryConfig config) {
        this.config = config;
    }

    public boolean configured() {
        return config.gcp().projects().isPresent() && !config.gcp().projects().get().isEmpty();
    }

    private synchronized InstancesClient client() throws IOException {
        if (client == null) {
            InstancesSettings.Builder settings = CloudClients.gce(InstancesSettings.newBuilder(), config.gcp().endpoint(),
                    config.gcp().credentials(), CloudClients.COMPUTE_READONLY_SCOPE, config.clientName());
            settings.applyToAllUnaryMethods(this::unary);
            settings.aggregatedListSettings().setRetrySettings(retry());
            client = InstancesClient.create(settings.build());
        }
        return client;
    }

    /** Every instance of the configured projects (all zones). */
    public VmListing list() {
        List<Vm> vms = new ArrayList<>();
        try {
            for (String project : config.gcp().projects().orElse(List.of())) {
                client().aggregatedList(AggregatedListInstancesRequest.newBuilder().setProject(project).build())
                        .iterateAll().forEach(entry -> {
                            for (Instance i : entry.getValue().getInstancesList()) {
                                String zone = last(i.getZone());
                                String region = zone.contains("-") ? zone.substring(0, zone.lastIndexOf('-')) : zone;
                                vms.add(new Vm("gcp", region, zone, Long.toUnsignedString(i.getId()), i.getName(),
                                        i.getStatus()));
                            }
                        });
            }
            return new VmListing("gcp", null, vms, null); // aggregated: every zone
        } catch (IOException | RuntimeException e) {
            return new VmListing("gcp", List.of(), List.of(), io.skybridge.shared.domain.Failures.describe(e));
        }
    }

    private static String last(String url) {
        return url == null ? "" : url.substring(url.lastIndexOf('/') + 1);
    }

    private Void unary(UnaryCallSettings.Builder<?, ?> settings) {
        settings.setRetrySettings(retry());
        return null;
    }

    /** A few quick attempts within the call timeout (the default retries 503 for 600 s). */
    private RetrySettings retry() {
        Duration total = config.gcp().callTimeout();
        return RetrySettings.newBuilder()
                .setInitialRetryDelayDuration(Duration.ofMillis(200))
                .setRetryDelayMultiplier(2.0)
                .setMaxRetryDelayDuration(Duration.ofSeconds(1))
                .setInitialRpcTimeoutDuration(total)
                .setMaxRpcTimeoutDuration(total)
                .setRpcTimeoutMultiplier(1.0)
                .setTotalTimeoutDuration(total)
                .setMaxAttempts(2)
                .build();
    }

    @PreDestroy
    synchronized void close() {
        if (client != null) {
            client.close();
        }
    }
}
