package io.skybridge.provisioning.cloud;

import io.skybridge.shared.cloud.CloudClients;
import io.skybridge.provisioning.config.ProvisioningConfig;
import io.skybridge.provisioning.domain.FailureReason;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ec2.model.HttpTokensState;
import software.amazon.awssdk.services.ec2.model.Instance;
import software.amazon.awssdk.services.ec2.model.InstanceMetadataEndpointState;
import software.amazon.awssdk.services.ec2.model.InstanceMetadataOptionsRequest;
import software.amazon.awssdk.services.ec2.model.ResourceType;
import software.amazon.awssdk.services.ec2.model.RunInstancesRequest;
import software.amazon.awssdk.services.ec2.model.Tag;
import software.amazon.awssdk.services.ec2.model.TagSpecification;

import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import java.nio.charset.StandardCharsets;

/**
 * {@link ComputeApi} over the AWS SDK v2 {@code Ec2Client}: {@code RunInstances} with a ClientToken, so a
 * repeated launch returns the same instance; instances are tagged with their pool and node.
 */
@ApplicationScoped
public class Ec2Compute implements ComputeApi {
    static final String POOL_TAG = "skybridge:pool";
    static final String NODE_TAG = "skybridge:node";
    static final String BATCH_TAG = "skybridge:launch-batch";
    private static final Set<String> CAPACITY = Set.of("InsufficientInstanceCapacity", "InsufficientHostCapacity",
            "InsufficientCapacity", "InsufficientFreeAddressesInSubnet", "Unsupported");
    private static final Set<String> QUOTA = Set.of("InstanceLimitExceeded", "VcpuLimitExceeded",
            "MaxSpotInstanceCountExceeded");
    private static final Set<String> THROTTLED = Set.of("RequestLimitExceeded", "Throttling", "ThrottlingException");

    private final ProvisioningConfig config;
    private final Map<String, Ec2Client> clients = new ConcurrentHashMap<>();

    public Ec2Compute(ProvisioningConfig config) {
        this.config = config;
    }

    @Override
    public String cloud() {
        return "aws";
    }

    private Ec2Client ec2(String region) {
        return clients.computeIfAbsent(region, r -> {
            return CloudClients.ec2(r, config.aws().endpoint(), config.clientName(), Duration.ofSeconds(2),
                    config.aws().callTimeout(), o -> o
                            .retryStrategy(software.amazon.awssdk.retries.StandardRetryStrategy.builder()
                                    .maxAttempts(config.aws().sdkAttempts())
                                    .retryOnException(Ec2Compute::sdkMayRetry)
                                    .treatAsThrottling(t -> t instanceof AwsServiceException e && isThrottled(e))
                                    .useClientDefaults(false)
                                    .build())
                            .apiCallTimeout(config.aws().callTimeout()));
        });
    }

    @PreDestroy
    void close() {
        clients.values().forEach(Ec2Client::close);
    }

    /**
     * Instance metadata only through IMDSv2 sessions, one network hop: a pod (a second hop from the node) cannot read
     * the node's credentials or its user data, which holds the join token.
     */
    static final InstanceMetadataOptionsRequest IMDS_V2_ONLY = InstanceMetadataOptionsRequest.builder()
            .httpTokens(HttpTokensState.REQUIRED)
            .httpPutResponseHopLimit(1)
            .httpEndpoint(InstanceMetadataEndpointState.ENABLED)
            .build();

    /** EC2 refuses user data over 16 KB (raw); refused here before any call, never retried. */
    private String userData(String script) {
        byte[] raw = script.getBytes(StandardCharsets.UTF_8);
        if (raw.length > config.policy().awsUserDataBytes()) {
            throw new CloudCallException("aws", FailureReason.INVALID_REQUEST, "user data of " + raw.length
                    + " bytes exceeds the limit of " + config.policy().awsUserDataBytes(), null);
        }
        return Base64.getEncoder().encodeToString(raw);
    }

    @Override
    public Vm launch(LaunchSpec spec) {
        return call(() -> {
            RunInstancesRequest.Builder request = RunInstancesRequest.builder()
                    .clientToken(spec.idempotencyKey())
                    .imageId(spec.image())
                    .instanceType(spec.machineType())
                    .minCount(1).maxCount(1)
                    .placement(p -> p.availabilityZone(spec.zone()))
                    .userData(userData(spec.userData()))
                    .metadataOptions(IMDS_V2_ONLY)
                    .tagSpecifications(TagSpecification.builder().resourceType(ResourceType.INSTANCE).tags(
                            Tag.builder().key(POOL_TAG).value(spec.poolId()).build(),
                            Tag.builder().key(NODE_TAG).value(spec.nodeId()).build(),
                            Tag.builder().key("Name").value(spec.nodeId()).build()).build());
            subnetFor(spec.zone()).ifPresent(request::subnetId);
            config.aws().securityGroups().ifPresent(request::securityGroupIds);
            Instance i = ec2(spec.region()).runInstances(request.build()).instances().get(0);
            return vm(i);
        });
    }

    @Override
    public boolean launchesInBatches() {
        return true;
    }

    /** One RunInstances with MinCount = MaxCount = count and one ClientToken: all the VMs or none. */
    @Override
    public List<Vm> launchAll(BatchSpec spec) {
        return call(() -> {
            RunInstancesRequest.Builder request = RunInstancesRequest.builder()
                    .clientToken(spec.idempotencyKey())
                    .imageId(spec.image())
                    .instanceType(spec.machineType())
                    .minCount(spec.count()).maxCount(spec.count())
                    .placement(p -> p.availabilityZone(spec.zone()))
                    .userData(userData(spec.userData()))
                    .metadataOptions(IMDS_V2_ONLY)
                    .tagSpecifications(TagSpecification.builder().resourceType(ResourceType.INSTANCE).tags(
                            Tag.builder().key(POOL_TAG).value(spec.poolId()).build(),
                            Tag.builder().key(BATCH_TAG).value(spec.idempotencyKey()).build(),
                            Tag.builder().key("Name").value(spec.poolId()).build()).build());
            subnetFor(spec.zone()).ifPresent(request::subnetId);
            config.aws().securityGroups().ifPresent(request::securityGroupIds);
            List<Instance> instances = ec2(spec.region()).runInstances(request.build()).instances().stream()
                    .sorted(java.util.Comparator.comparing(i -> i.amiLaunchIndex() == null ? 0 : i.amiLaunchIndex()))
                    .toList();
            if (instances.size() != spec.count()) {
                throw new IllegalStateException("RunInstances for " + spec + " returned " + instances.size() + " VMs");
            }
            return instances.stream().map(Ec2Compute::vm).toList();
        });
    }

    /** One DescribeInstances filtered by instance id (ids that no longer exist are simply absent). */
    @Override
    public Map<String, Vm> describeAll(String region, List<String> instanceIds) {
        if (instanceIds.isEmpty()) {
            return Map.of();
        }
        return call(() -> {
            Map<String, Vm> found = new java.util.HashMap<>();
            ec2(region).describeInstancesPaginator(r -> r.filters(Filter.builder().name("instance-id")
                            .values(instanceIds).build())).reservations().stream()
                    .flatMap(res -> res.instances().stream()).map(Ec2Compute::vm)
                    .forEach(vm -> found.put(vm.instanceId(), vm));
            return found;
        });
    }

    private Optional<String> subnetFor(String zone) {
        return config.aws().subnets().orElse(List.of()).stream()
                .filter(s -> s.startsWith(zone + "=")).map(s -> s.substring(zone.length() + 1)).findFirst();
    }

    @Override
    public Optional<Vm> describe(String region, String zone, String nodeId, String instanceId) {
        if (instanceId == null) {
            return Optional.empty();
        }
        return call(() -> {
            try {
                return ec2(region).describeInstances(r -> r.instanceIds(instanceId)).reservations().stream()
                        .flatMap(res -> res.instances().stream()).findFirst().map(Ec2Compute::vm);
            } catch (AwsServiceException e) {
                if (e.awsErrorDetails() != null && "InvalidInstanceID.NotFound".equals(e.awsErrorDetails().errorCode())) {
                    return Optional.empty();
                }
                throw e;
            }
        });
    }

    @Override
    public List<Vm> listPool(String region, List<String> zones, String poolId) {
        return call(() -> ec2(region).describeInstancesPaginator(r -> r.filters(
                        Filter.builder().name("tag:" + POOL_TAG).values(poolId).build(),
                        Filter.builder().name("instance-state-name").values("pending", "running", "stopping", "stopped").build()))
                .reservations().stream().flatMap(res -> res.instances().stream()).map(Ec2Compute::vm).toList());
    }

    @Override
    public void terminate(String region, String zone, String nodeId, String instanceId) {
        if (instanceId == null) {
            return;
        }
        call(() -> {
            try {
                ec2(region).terminateInstances(r -> r.instanceIds(instanceId));
            } catch (AwsServiceException e) {
                if (e.awsErrorDetails() == null || !"InvalidInstanceID.NotFound".equals(e.awsErrorDetails().errorCode())) {
                    throw e;
                }
            }
            return null;
        });
    }

    private static Vm vm(Instance i) {
        String name = i.tags().stream().filter(t -> NODE_TAG.equals(t.key())).map(Tag::value).findFirst().orElse(null);
        VmState state = switch (i.state() == null ? "pending" : i.state().nameAsString()) {
            case "running" -> VmState.RUNNING;
            case "pending" -> VmState.PENDING;
            default -> VmState.GONE;
        };
        return new Vm(i.instanceId(), name, i.placement() == null ? null : i.placement().availabilityZone(),
                i.instanceTypeAsString(), state, i.privateIpAddress());
    }

    /**
     * What the SDK itself may retry (at most {@code sdk-attempts}): throttling, 5xx and I/O errors, but never a
     * lack of capacity or quota (500 / 400 answers that another attempt in the same zone cannot fix; the saga
     * moves on to the next zone or fails fast instead).
     */
    static boolean sdkMayRetry(Throwable t) {
        if (t instanceof AwsServiceException e) {
            String code = e.awsErrorDetails() == null ? null : e.awsErrorDetails().errorCode();
            if (code != null && (CAPACITY.contains(code) || QUOTA.contains(code))) {
                return false;
            }
            return isThrottled(e) || e.statusCode() >= 500;
        }
        return t instanceof SdkClientException && t.getCause() instanceof java.io.IOException;
    }

    private static boolean isThrottled(AwsServiceException e) {
        String code = e.awsErrorDetails() == null ? null : e.awsErrorDetails().errorCode();
        return e.isThrottlingException() || code != null && THROTTLED.contains(code);
    }

    private static <T> T call(Supplier<T> call) {
        try {
            return call.get();
        } catch (AwsServiceException e) {
            String code = e.awsErrorDetails() == null ? null : e.awsErrorDetails().errorCode();
            FailureReason reason;
            if (code != null && CAPACITY.contains(code)) {
                reason = FailureReason.CAPACITY;
            } else if (code != null && QUOTA.contains(code)) {
                reason = FailureReason.QUOTA;
            } else if (e.isThrottlingException() || code != null && THROTTLED.contains(code)) {
                reason = FailureReason.THROTTLED;
            } else if (e.statusCode() >= 500) {
                reason = FailureReason.PROVIDER_UNAVAILABLE;
            } else {
                reason = FailureReason.INVALID_REQUEST;
            }
            String message = e.awsErrorDetails() != null ? e.awsErrorDetails().errorMessage() : e.getMessage();
            throw new CloudCallException("aws", reason, code + ": " + message, e);
        } catch (SdkClientException e) {
            throw new CloudCallException("aws", FailureReason.PROVIDER_UNAVAILABLE, e.getMessage(), e);
        }
    }
}
