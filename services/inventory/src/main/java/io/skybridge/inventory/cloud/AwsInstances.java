package io.skybridge.inventory.cloud;

import io.skybridge.shared.cloud.CloudClients;
import io.skybridge.inventory.config.InventoryConfig;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import software.amazon.awssdk.core.retry.RetryMode;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Filter;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** EC2 {@code DescribeInstances} (paginated) over the configured regions, through the AWS SDK v2. */
@ApplicationScoped
public class AwsInstances {
    private final InventoryConfig config;
    private final Map<String, Ec2Client> clients = new ConcurrentHashMap<>();

    public AwsInstances(InventoryConfig config) {
        this.config = config;
    }

    private Ec2Client ec2(String region) {
        return clients.computeIfAbsent(region, r -> {
            return CloudClients.ec2(r, config.aws().endpoint(), config.clientName(), java.time.Duration.ofSeconds(2),
                    config.aws().callTimeout(),
                    o -> o.retryStrategy(RetryMode.STANDARD).apiCallTimeout(config.aws().callTimeout()));
        });
    }

    /** Instances that exist (pending, running, stopping, stopped) in every configured region. */
    public VmListing list() {
        List<String> regions = config.aws().regions();
        List<Vm> vms = new ArrayList<>();
        try {
            for (String region : regions) {
                ec2(region).describeInstancesPaginator(r -> r.filters(Filter.builder().name("instance-state-name")
                                .values("pending", "running", "stopping", "stopped").build()))
                        .reservations().forEach(res -> res.instances().forEach(i -> vms.add(new Vm("aws", region,
                                i.placement() == null ? null : i.placement().availabilityZone(), i.instanceId(),
                                i.instanceId(), i.state() == null ? null : i.state().nameAsString()))));
            }
            return new VmListing("aws", regions, vms, null);
        } catch (RuntimeException e) {
            return new VmListing("aws", regions, List.of(), io.skybridge.shared.domain.Failures.describe(e));
        }
    }

    @PreDestroy
    void close() {
        clients.values().forEach(Ec2Client::close);
    }
}
