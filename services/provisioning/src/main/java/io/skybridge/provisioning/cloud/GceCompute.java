package io.skybridge.provisioning.cloud;

import io.skybridge.shared.cloud.CloudClients;
import com.google.api.gax.longrunning.OperationFuture;
import com.google.api.gax.longrunning.OperationTimedPollAlgorithm;
import com.google.api.gax.rpc.AbortedException;
import com.google.api.gax.rpc.AlreadyExistsException;
import com.google.api.gax.rpc.ApiException;
import com.google.api.gax.rpc.ClientSettings;
import com.google.api.gax.rpc.NotFoundException;
import com.google.api.gax.rpc.UnaryCallSettings;
import com.google.cloud.compute.v1.AttachedDisk;
import com.google.cloud.compute.v1.AttachedDiskInitializeParams;
import com.google.cloud.compute.v1.DeleteInstanceRequest;
import com.google.cloud.compute.v1.InsertInstanceRequest;
import com.google.cloud.compute.v1.Instance;
import com.google.cloud.compute.v1.InstancesClient;
import com.google.cloud.compute.v1.InstancesSettings;
import com.google.cloud.compute.v1.ListInstancesRequest;
import com.google.cloud.compute.v1.Items;
import com.google.cloud.compute.v1.Metadata;
import com.google.cloud.compute.v1.NetworkInterface;
import com.google.cloud.compute.v1.Operation;
import com.google.cloud.compute.v1.ZoneOperationsClient;
import com.google.cloud.compute.v1.ZoneOperationsSettings;
import io.skybridge.provisioning.config.ProvisioningConfig;
import io.skybridge.provisioning.domain.FailureReason;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

/**
 * {@link ComputeApi} over {@code google-cloud-compute}: {@code instances.insert} carries a {@code requestId}
 * derived from the idempotency key (Compute Engine dedupes it) and a deterministic instance name (an
 * "already exists" answer adopts the instance an earlier attempt made); every operation is checked for
 * {@code error} even when it completed "normally"; calls retry briefly so a dark cloud fails fast.
 */
@ApplicationScoped
public class GceCompute implements ComputeApi {
    static final String POOL_LABEL = "skybridge-pool";
    static final String NODE_LABEL = "skybridge-node";
    /** Metadata key the join configuration is written to (the node bootstrap reads it). */
    public static final String JOIN_METADATA_KEY = "skybridge-join";

    private final ProvisioningConfig config;
    private InstancesClient instances;
    private ZoneOperationsClient operations;

    public GceCompute(ProvisioningConfig config) {
        this.config = config;
    }

    @Override
    public String cloud() {
        return "gcp";
    }

    @PostConstruct
    void init() {
        try {
            InstancesSettings.Builder in = common(InstancesSettings.newBuilder());
            in.applyToAllUnaryMethods(this::unary);
            in.insertOperationSettings().setPollingAlgorithm(polling());
            in.deleteOperationSettings().setPollingAlgorithm(polling());
            instances = InstancesClient.create(in.build());
            ZoneOperationsSettings.Builder ops = common(ZoneOperationsSettings.newBuilder());
            ops.applyToAllUnaryMethods(this::unary);
            operations = ZoneOperationsClient.create(ops.build());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create Compute Engine clients", e);
        }
    }

    @PreDestroy
    void close() {
        if (instances != null) {
            instances.close();
        }
        if (operations != null) {
            operations.close();
        }
    }

    private <B extends ClientSettings.Builder<?, ?>> B common(B builder) {
        return CloudClients.gce(builder, config.gcp().endpoint(), config.gcp().credentials(), CloudClients.COMPUTE_SCOPE,
                config.clientName());
    }

    /** A couple of quick attempts within the call timeout (the default retries 503 for 600 s). */
    private Void unary(UnaryCallSettings.Builder<?, ?> settings) {
        settings.setRetrySettings(CloudClients.gceUnaryRetry(config.gcp().callTimeout(), Duration.ofMillis(100), Duration.ofSeconds(1), 2));
        return null;
    }

    private OperationTimedPollAlgorithm polling() {
        return CloudClients.gcePolling(Duration.ofMillis(20), config.gcp().callTimeout(), config.gcp().operationTimeout());
    }

    private String project() {
        return config.gcp().project();
    }

    static String requestId(String key) {
        return UUID.nameUUIDFromBytes(key.getBytes(StandardCharsets.UTF_8)).toString();
    }

    @Override
    public Vm launch(LaunchSpec spec) {
        String p = project();
        Instance resource = Instance.newBuilder()
                .setName(spec.nodeId())
                .setMachineType("projects/" + p + "/zones/" + spec.zone() + "/machineTypes/" + spec.machineType())
                .addDisks(AttachedDisk.newBuilder().setBoot(true).setAutoDelete(true).setType("PERSISTENT")
                        .setInitializeParams(AttachedDiskInitializeParams.newBuilder().setSourceImage(spec.image())
                                .setDiskSizeGb(50).build()).build())
                .addNetworkInterfaces(NetworkInterface.newBuilder()
                        .setSubnetwork("projects/" + p + "/regions/" + spec.region() + "/subnetworks/" + config.gcp().subnetwork())
                        .build())
                .setMetadata(Metadata.newBuilder().addItems(Items.newBuilder().setKey(JOIN_METADATA_KEY)
                        .setValue(spec.userData()).build()).build())
                .putLabels(POOL_LABEL, spec.poolId())
                .putLabels(NODE_LABEL, spec.nodeId())
                .build();
        return call(() -> {
            try {
                await(spec.zone(), instances.insertAsync(InsertInstanceRequest.newBuilder().setProject(p)
                        .setZone(spec.zone()).setRequestId(requestId(spec.idempotencyKey()))
                        .setInstanceResource(resource).build()));
            } catch (AlreadyExistsException | AbortedException exists) {
                // made by an earlier attempt for this node: adopt it
            }
            return vm(instances.get(p, spec.zone(), spec.nodeId()));
        });
    }

    @Override
    public Optional<Vm> describe(String region, String zone, String nodeId, String instanceId) {
        return call(() -> {
            try {
                return Optional.of(vm(instances.get(project(), zone, nodeId)));
            } catch (NotFoundException gone) {
                return Optional.empty();
            }
        });
    }

    @Override
    public List<Vm> listPool(String region, List<String> zones, String poolId) {
        return call(() -> {
            List<Vm> vms = new ArrayList<>();
            for (String zone : zones) {
                instances.list(ListInstancesRequest.newBuilder().setProject(project()).setZone(zone)
                                .setFilter("labels." + POOL_LABEL + " = " + poolId).build())
                        .iterateAll().forEach(i -> vms.add(vm(i)));
            }
            return vms.stream().filter(v -> v.state() != VmState.GONE).toList();
        });
    }

    @Override
    public void terminate(String region, String zone, String nodeId, String instanceId) {
        call(() -> {
            try {
                await(zone, instances.deleteAsync(DeleteInstanceRequest.newBuilder().setProject(project()).setZone(zone)
                        .setInstance(nodeId).setRequestId(requestId("delete:" + nodeId + ":" + instanceId)).build()));
            } catch (NotFoundException gone) {
                // already deleted
            }
            return null;
        });
    }

    private static Vm vm(Instance i) {
        VmState state = switch (i.getStatus()) {
            case "PROVISIONING", "STAGING" -> VmState.PENDING;
            case "RUNNING" -> VmState.RUNNING;
            default -> VmState.GONE;
        };
        String ip = i.getNetworkInterfacesCount() > 0 && i.getNetworkInterfaces(0).hasNetworkIP()
                ? i.getNetworkInterfaces(0).getNetworkIP() : null;
        return new Vm(String.valueOf(i.getId()), i.getName(), last(i.getZone()), last(i.getMachineType()), state, ip);
    }

    private static String last(String url) {
        return url == null ? null : url.substring(url.lastIndexOf('/') + 1);
    }

    private void await(String zone, OperationFuture<Operation, Operation> future) {
        Operation op;
        try {
            op = future.get(config.gcp().operationTimeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            // an operation that ended with an error and an HTTP status fails the future and loses the
            // error's code: read the operation itself to type the failure
            Operation failed = failedOperation(zone, future);
            if (failed != null && failed.hasError() && failed.getError().getErrorsCount() > 0) {
                throw fromOperation(failed);
            }
            if (e.getCause() instanceof RuntimeException re) {
                throw re;
            }
            throw new CloudCallException("gcp", FailureReason.PROVIDER_UNAVAILABLE, String.valueOf(e.getCause()), e);
        } catch (TimeoutException e) {
            throw new CloudCallException("gcp", FailureReason.PROVIDER_UNAVAILABLE, "operation did not finish in "
                    + config.gcp().operationTimeout(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CloudCallException("gcp", FailureReason.PROVIDER_UNAVAILABLE, "interrupted", e);
        }
        // DONE with an error but without httpErrorStatusCode completes normally: check it here
        if (op.hasError() && op.getError().getErrorsCount() > 0) {
            throw fromOperation(op);
        }
    }

    private Operation failedOperation(String zone, OperationFuture<Operation, Operation> future) {
        try {
            String name = future.getName();
            return name == null ? null : operations.get(project(), zone, last(name));
        } catch (Exception notAvailable) {
            return null; // the call itself failed: no operation to read
        }
    }

    private static RuntimeException fromOperation(Operation op) {
        var error = op.getError().getErrors(0);
        String code = error.getCode();
        if ("alreadyExists".equals(code) || "RESOURCE_ALREADY_EXISTS".equals(code)) {
            return new AlreadyExistsException(new IllegalStateException(code), fixed409(), false);
        }
        FailureReason reason;
        if (code.startsWith("ZONE_RESOURCE_POOL_EXHAUSTED") || "RESOURCE_EXHAUSTED".equals(code)) {
            reason = FailureReason.CAPACITY;
        } else if (code.contains("QUOTA")) {
            reason = FailureReason.QUOTA;
        } else if ("rateLimitExceeded".equals(code) || "RATE_LIMIT_EXCEEDED".equals(code)) {
            reason = FailureReason.THROTTLED;
        } else if ("backendError".equals(code) || "internalError".equals(code)) {
            reason = FailureReason.PROVIDER_UNAVAILABLE;
        } else {
            reason = FailureReason.INVALID_REQUEST;
        }
        return new CloudCallException("gcp", reason, "operation " + op.getName() + " failed: " + code + " "
                + error.getMessage(), null);
    }

    private static com.google.api.gax.rpc.StatusCode fixed409() {
        return new com.google.api.gax.rpc.StatusCode() {
            @Override
            public Code getCode() {
                return Code.ALREADY_EXISTS;
            }

            @Override
            public Object getTransportCode() {
                return 409;
            }
        };
    }

    private static <T> T call(Supplier<T> call) {
        try {
            return call.get();
        } catch (CloudCallException e) {
            throw e;
        } catch (ApiException e) {
            String detail = e.getCause() != null && e.getCause().getMessage() != null ? e.getCause().getMessage() : e.getMessage();
            detail = detail == null ? "" : detail.replaceAll("\\s+", " ");
            FailureReason reason = switch (e.getStatusCode().getCode()) {
                case RESOURCE_EXHAUSTED -> detail.contains("QUOTA") || detail.contains("quota")
                        ? FailureReason.QUOTA : FailureReason.THROTTLED;
                case UNAVAILABLE, DEADLINE_EXCEEDED, INTERNAL, UNKNOWN -> detail.contains("ZONE_RESOURCE_POOL_EXHAUSTED")
                        ? FailureReason.CAPACITY : FailureReason.PROVIDER_UNAVAILABLE;
                case PERMISSION_DENIED -> detail.contains("QUOTA") ? FailureReason.QUOTA : FailureReason.INVALID_REQUEST;
                default -> FailureReason.INVALID_REQUEST;
            };
            throw new CloudCallException("gcp", reason, e.getStatusCode().getCode() + ": " + detail, e);
        } catch (RuntimeException e) {
            throw new CloudCallException("gcp", FailureReason.PROVIDER_UNAVAILABLE, e.toString(), e);
        }
    }
}
