package io.skybridge.networking.cloud;

import com.google.api.gax.rpc.AbortedException;
import com.google.api.gax.rpc.AlreadyExistsException;
import com.google.api.gax.rpc.ApiException;
import com.google.api.gax.rpc.NotFoundException;
import com.google.cloud.compute.v1.*;
import com.google.api.gax.rpc.StatusCode;
import com.google.api.gax.rpc.UnaryCallSettings;
import com.google.api.gax.longrunning.OperationTimedPollAlgorithm;
import com.google.cloud.compute.v1.Allowed;
import com.google.cloud.compute.v1.ExternalVpnGateway;
import com.google.cloud.compute.v1.ExternalVpnGatewayInterface;
import com.google.cloud.compute.v1.ExternalVpnGatewaysClient;
import com.google.cloud.compute.v1.ExternalVpnGatewaysSettings;
import com.google.cloud.compute.v1.Firewall;
import com.google.cloud.compute.v1.FirewallsClient;
import com.google.cloud.compute.v1.FirewallsSettings;
import com.google.cloud.compute.v1.Operation;
import com.google.cloud.compute.v1.Router;
import com.google.cloud.compute.v1.RouterBgp;
import com.google.cloud.compute.v1.RouterBgpPeer;
import com.google.cloud.compute.v1.RouterInterface;
import com.google.cloud.compute.v1.RoutersClient;
import com.google.cloud.compute.v1.RoutersSettings;
import com.google.cloud.compute.v1.VpnGateway;
import com.google.cloud.compute.v1.VpnGatewayVpnGatewayInterface;
import com.google.cloud.compute.v1.VpnGatewaysClient;
import com.google.cloud.compute.v1.VpnGatewaysSettings;
import com.google.cloud.compute.v1.VpnTunnel;
import com.google.cloud.compute.v1.VpnTunnelsClient;
import com.google.cloud.compute.v1.VpnTunnelsSettings;
import io.skybridge.networking.cloud.CloudCallException.FailureKind;
import io.skybridge.networking.config.NetworkingConfig;
import io.skybridge.shared.cloud.CloudClients;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

/**
 * {@link GcpVpnApi} over {@code google-cloud-compute}. Mutations carry a {@code requestId} derived
 * from the link and step (Compute Engine dedupes them), resources have deterministic names (an
 * "already exists" answer means an earlier attempt made it), and every long-running operation is
 * checked for an error even when it completed "normally".
 */
@ApplicationScoped
public class GcpVpnClient implements GcpVpnApi {
    private final NetworkingConfig config;
    private VpnGatewaysClient gateways;
    private ExternalVpnGatewaysClient externalGateways;
    private RoutersClient routers;
    private VpnTunnelsClient tunnels;
    private FirewallsClient firewalls;

    public GcpVpnClient(NetworkingConfig config) {
        this.config = config;
    }

    @PostConstruct
    void init() {
        try {
            VpnGatewaysSettings.Builder gw = common(VpnGatewaysSettings.newBuilder());
            gw.applyToAllUnaryMethods(this::unary);
            gw.insertOperationSettings().setPollingAlgorithm(polling());
            gw.deleteOperationSettings().setPollingAlgorithm(polling());
            gateways = VpnGatewaysClient.create(gw.build());

            ExternalVpnGatewaysSettings.Builder ext = common(ExternalVpnGatewaysSettings.newBuilder());
            ext.applyToAllUnaryMethods(this::unary);
            ext.insertOperationSettings().setPollingAlgorithm(polling());
            ext.deleteOperationSettings().setPollingAlgorithm(polling());
            externalGateways = ExternalVpnGatewaysClient.create(ext.build());

            RoutersSettings.Builder rt = common(RoutersSettings.newBuilder());
            rt.applyToAllUnaryMethods(this::unary);
            rt.insertOperationSettings().setPollingAlgorithm(polling());
            rt.patchOperationSettings().setPollingAlgorithm(polling());
            rt.deleteOperationSettings().setPollingAlgorithm(polling());
            routers = RoutersClient.create(rt.build());

            VpnTunnelsSettings.Builder tn = common(VpnTunnelsSettings.newBuilder());
            tn.applyToAllUnaryMethods(this::unary);
            tn.insertOperationSettings().setPollingAlgorithm(polling());
            tn.deleteOperationSettings().setPollingAlgorithm(polling());
            tunnels = VpnTunnelsClient.create(tn.build());

            FirewallsSettings.Builder fw = common(FirewallsSettings.newBuilder());
            fw.applyToAllUnaryMethods(this::unary);
            fw.insertOperationSettings().setPollingAlgorithm(polling());
            fw.deleteOperationSettings().setPollingAlgorithm(polling());
            firewalls = FirewallsClient.create(fw.build());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create Compute Engine clients", e);
        }
    }

    @PreDestroy
    void close() {
        for (AutoCloseable c : new AutoCloseable[]{gateways, externalGateways, routers, tunnels, firewalls}) {
            try {
                if (c != null) {
                    c.close();
                }
            } catch (Exception ignored) {
                // shutting down
            }
        }
    }

    private <B extends com.google.api.gax.rpc.ClientSettings.Builder<?, ?>> B common(B builder) {
        return CloudClients.gce(builder, config.gcp().endpoint(), config.gcp().credentials(), CloudClients.COMPUTE_SCOPE,
                config.clientName());
    }

    /** Unary calls: a few quick attempts within the call timeout (the default retries 503 for 600 s). */
    private Void unary(UnaryCallSettings.Builder<?, ?> settings) {
        settings.setRetrySettings(CloudClients.gceUnaryRetry(config.gcp().callTimeout(), Duration.ofMillis(200), Duration.ofSeconds(2), 3));
        return null;
    }

    /** Operation polling: every 50–500 ms until the operation timeout. */
    private OperationTimedPollAlgorithm polling() {
        return CloudClients.gcePolling(Duration.ofMillis(50), config.gcp().callTimeout(), config.gcp().operationTimeout());
    }

    private static String regional(String project, String region, String kind, String name) {
        return "projects/" + project + "/regions/" + region + "/" + kind + "/" + name;
    }

    private static String global(String project, String kind, String name) {
        return "projects/" + project + "/global/" + kind + "/" + name;
    }

    @Override
    public List<String> createHaVpnGateway(String project, String region, String network, String name, String requestId) {
        return call(() -> {
            insertOrAdopt(() -> gateways.insertAsync(InsertVpnGatewayRequest.newBuilder().setProject(project).setRegion(region).setRequestId(requestId)
                    .setVpnGatewayResource(VpnGateway.newBuilder().setName(name)
                            .setNetwork(global(project, "networks", network)).setStackType("IPV4_ONLY").build()).build()));
            return gateways.get(project, region, name).getVpnInterfacesList().stream()
                    .sorted(java.util.Comparator.comparingInt(VpnGatewayVpnGatewayInterface::getId))
                    .map(VpnGatewayVpnGatewayInterface::getIpAddress).toList();
        });
    }

    @Override
    public void createRouter(String project, String region, String network, String name, long asn, String requestId) {
        call(() -> insertOrAdopt(() -> routers.insertAsync(InsertRouterRequest.newBuilder().setProject(project).setRegion(region).setRequestId(requestId)
                .setRouterResource(Router.newBuilder().setName(name).setNetwork(global(project, "networks", network))
                        .setBgp(RouterBgp.newBuilder().setAsn((int) asn).build()).build()).build())));
    }

    @Override
    public void createExternalVpnGateway(String project, String name, List<String> ips, String requestId) {
        ExternalVpnGateway.Builder gw = ExternalVpnGateway.newBuilder().setName(name)
                .setRedundancyType(ips.size() == 4 ? "FOUR_IPS_REDUNDANCY" : ips.size() == 2 ? "TWO_IPS_REDUNDANCY"
                        : "SINGLE_IP_INTERNALLY_REDUNDANT");
        for (int i = 0; i < ips.size(); i++) {
            gw.addInterfaces(ExternalVpnGatewayInterface.newBuilder().setId(i).setIpAddress(ips.get(i)).build());
        }
        call(() -> insertOrAdopt(() -> externalGateways.insertAsync(InsertExternalVpnGatewayRequest.newBuilder().setProject(project).setRequestId(requestId)
                .setExternalVpnGatewayResource(gw.build()).build())));
    }

    @Override
    public void createTunnel(String project, String region, TunnelSpec t, String haGateway, String externalGateway,
                             String router, String requestId) {
        call(() -> insertOrAdopt(() -> tunnels.insertAsync(InsertVpnTunnelRequest.newBuilder().setProject(project).setRegion(region).setRequestId(requestId)
                .setVpnTunnelResource(VpnTunnel.newBuilder().setName(t.name())
                        .setVpnGateway(regional(project, region, "vpnGateways", haGateway))
                        .setVpnGatewayInterface(t.vpnGatewayInterface())
                        .setPeerExternalGateway(global(project, "externalVpnGateways", externalGateway))
                        .setPeerExternalGatewayInterface(t.peerInterface())
                        .setSharedSecret(t.preSharedKey())
                        .setRouter(regional(project, region, "routers", router))
                        .setIkeVersion(2).build()).build())));
    }

    @Override
    public void configureBgp(String project, String region, String router, List<BgpPeerSpec> peers, String requestId) {
        call(() -> {
            Router current = routers.get(project, region, router);
            Router.Builder patch = Router.newBuilder().setName(router);
            Map<String, RouterInterface> interfaces = new LinkedHashMap<>();
            current.getInterfacesList().forEach(i -> interfaces.put(i.getName(), i));
            Map<String, RouterBgpPeer> bgpPeers = new LinkedHashMap<>();
            current.getBgpPeersList().forEach(p -> bgpPeers.put(p.getName(), p));
            for (BgpPeerSpec p : peers) {
                String ifName = p.name() + "-if";
                interfaces.put(ifName, RouterInterface.newBuilder().setName(ifName).setIpRange(p.interfaceIpRange())
                        .setLinkedVpnTunnel(regional(project, region, "vpnTunnels", p.tunnelName())).build());
                bgpPeers.put(p.name(), RouterBgpPeer.newBuilder().setName(p.name()).setInterfaceName(ifName)
                        .setPeerIpAddress(p.peerIp()).setPeerAsn((int) p.peerAsn()).build());
            }
            patch.addAllInterfaces(interfaces.values()).addAllBgpPeers(bgpPeers.values());
            await(routers.patchAsync(PatchRouterRequest.newBuilder().setProject(project).setRegion(region).setRouter(router).setRequestId(requestId)
                    .setRouterResource(patch.build()).build()));
            return null;
        });
    }

    @Override
    public void createFirewall(String project, String network, String name, String sourceCidr, String requestId) {
        call(() -> insertOrAdopt(() -> firewalls.insertAsync(InsertFirewallRequest.newBuilder().setProject(project).setRequestId(requestId)
                .setFirewallResource(Firewall.newBuilder().setName(name).setNetwork(global(project, "networks", network))
                        .setDirection("INGRESS").setPriority(1000).addSourceRanges(sourceCidr)
                        .addAllowed(Allowed.newBuilder().setIPProtocol("all").build())
                        .setDescription("skybridge: allow the peer network").build()).build())));
    }

    @Override
    public void createDenyFirewall(String project, String network, String name, String sourceCidr, String requestId) {
        call(() -> insertOrAdopt(() -> firewalls.insertAsync(InsertFirewallRequest.newBuilder().setProject(project).setRequestId(requestId)
                .setFirewallResource(Firewall.newBuilder().setName(name).setNetwork(global(project, "networks", network))
                        .setDirection("INGRESS").setPriority(100).addSourceRanges(sourceCidr)
                        .addDenied(Denied.newBuilder().setIPProtocol("all").build())
                        .setDescription("skybridge: isolate the compromised peer").build()).build())));
    }

    @Override
    public Map<String, String> tunnelStatuses(String project, String region, List<String> names) {
        return call(() -> {
            Map<String, String> statuses = new LinkedHashMap<>();
            for (String name : names) {
                try {
                    statuses.put(name, tunnels.get(project, region, name).getStatus());
                } catch (NotFoundException e) {
                    statuses.put(name, "NOT_FOUND");
                }
            }
            return statuses;
        });
    }

    @Override
    public void delete(String project, String region, String kind, String name, String requestId) {
        call(() -> {
            try {
                switch (kind) {
                    case "vpnTunnels" -> await(tunnels.deleteAsync(DeleteVpnTunnelRequest.newBuilder().setProject(project).setRegion(region)
                            .setVpnTunnel(name).setRequestId(requestId).build()));
                    case "routers" -> await(routers.deleteAsync(DeleteRouterRequest.newBuilder().setProject(project).setRegion(region)
                            .setRouter(name).setRequestId(requestId).build()));
                    case "vpnGateways" -> await(gateways.deleteAsync(DeleteVpnGatewayRequest.newBuilder().setProject(project).setRegion(region)
                            .setVpnGateway(name).setRequestId(requestId).build()));
                    case "externalVpnGateways" -> await(externalGateways.deleteAsync(DeleteExternalVpnGatewayRequest.newBuilder().setProject(project)
                            .setExternalVpnGateway(name).setRequestId(requestId).build()));
                    case "firewalls" -> await(firewalls.deleteAsync(DeleteFirewallRequest.newBuilder().setProject(project).setFirewall(name)
                            .setRequestId(requestId).build()));
                    default -> throw new IllegalArgumentException("unknown GCE resource kind " + kind);
                }
            } catch (NotFoundException gone) {
                // already deleted
            }
            return null;
        });
    }

    @Override
    public void ping(String project, String region) {
        call(() -> routers.list(project, region).getPage().getValues());
    }

    private Void insertOrAdopt(Supplier<Future<Operation>> insert) {
        try {
            await(insert.get());
        } catch (AlreadyExistsException exists) {
            // made by an earlier attempt of the same step: adopt it
        } catch (AbortedException conflict) {
            // Compute Engine answers 409 (mapped to ABORTED) when the name is taken: adopt it
        }
        return null;
    }

    private void await(Future<Operation> future) {
        Operation op;
        try {
            op = future.get(config.gcp().operationTimeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException re) {
                throw re;
            }
            throw new CloudCallException("gcp", FailureKind.PROVIDER_UNAVAILABLE, String.valueOf(e.getCause()), e);
        } catch (TimeoutException e) {
            throw new CloudCallException("gcp", FailureKind.PROVIDER_UNAVAILABLE, "operation did not finish in "
                    + config.gcp().operationTimeout(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CloudCallException("gcp", FailureKind.PROVIDER_UNAVAILABLE, "interrupted", e);
        }
        // DONE with an error but without httpErrorStatusCode completes normally: check it here
        if (op.hasError() && op.getError().getErrorsCount() > 0) {
            var error = op.getError().getErrors(0);
            if ("alreadyExists".equals(error.getCode()) || "RESOURCE_ALREADY_EXISTS".equals(error.getCode())) {
                throw AlreadyExistsMarker.INSTANCE;
            }
            throw new CloudCallException("gcp", FailureKind.CONFLICT, "operation " + op.getName() + " failed: "
                    + error.getCode() + " " + error.getMessage(), null);
        }
    }

    /** An operation that reports "already exists" is adopted like a 409 answer. */
    private static final class AlreadyExistsMarker extends AlreadyExistsException {
        static final AlreadyExistsMarker INSTANCE = new AlreadyExistsMarker();

        private AlreadyExistsMarker() {
            super("already exists", null, new StatusCode() {
                @Override
                public Code getCode() {
                    return Code.ALREADY_EXISTS;
                }

                @Override
                public Object getTransportCode() {
                    return 409;
                }
            }, false);
        }
    }

    private static <T> T call(Supplier<T> call) {
        try {
            return call.get();
        } catch (CloudCallException e) {
            throw e;
        } catch (ApiException e) {
            StatusCode.Code code = e.getStatusCode().getCode();
            FailureKind kind = switch (code) {
                case RESOURCE_EXHAUSTED -> FailureKind.THROTTLED;
                case UNAVAILABLE, DEADLINE_EXCEEDED, INTERNAL, UNKNOWN -> FailureKind.PROVIDER_UNAVAILABLE;
                case INVALID_ARGUMENT, NOT_FOUND, FAILED_PRECONDITION, OUT_OF_RANGE -> FailureKind.INVALID_REQUEST;
                default -> FailureKind.CONFLICT;
            };
            String detail = e.getCause() != null && e.getCause().getMessage() != null ? e.getCause().getMessage() : e.getMessage();
            throw new CloudCallException("gcp", kind, code + ": " + detail.replaceAll("\\s+", " "), e);
        } catch (RuntimeException e) {
            throw new CloudCallException("gcp", FailureKind.PROVIDER_UNAVAILABLE, e.toString(), e);
        }
    }
}
