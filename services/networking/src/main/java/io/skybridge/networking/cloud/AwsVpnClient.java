package io.skybridge.networking.cloud;

import io.skybridge.networking.cloud.CloudCallException.FailureKind;
import io.skybridge.networking.config.NetworkingConfig;
import io.skybridge.shared.cloud.CloudClients;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.retry.RetryMode;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.CustomerGateway;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ec2.model.GatewayType;
import software.amazon.awssdk.services.ec2.model.IpPermission;
import software.amazon.awssdk.services.ec2.model.IpRange;
import software.amazon.awssdk.services.ec2.model.ResourceType;
import software.amazon.awssdk.services.ec2.model.RouteTable;
import software.amazon.awssdk.services.ec2.model.SecurityGroup;
import software.amazon.awssdk.services.ec2.model.Tag;
import software.amazon.awssdk.services.ec2.model.TagSpecification;
import software.amazon.awssdk.services.ec2.model.VgwTelemetry;
import software.amazon.awssdk.services.ec2.model.VpnConnectionOptionsSpecification;
import software.amazon.awssdk.services.ec2.model.VpnGateway;
import software.amazon.awssdk.services.ec2.model.VpnTunnelOptionsSpecification;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * {@link AwsVpnApi} over the AWS SDK v2 {@code Ec2Client}. Creates are tagged with the link and
 * the resource's role and looked up by those tags first, so a repeated step adopts what an earlier
 * attempt made instead of making a second one.
 */
@ApplicationScoped
public class AwsVpnClient implements AwsVpnApi {
    static final String LINK_TAG = "skybridge:link";
    static final String ROLE_TAG = "skybridge:role";

    private final NetworkingConfig config;
    private final Map<String, Ec2Client> clients = new ConcurrentHashMap<>();
    /** One attempt per call: the monitor's samples are detection evidence and must not wait out retries. */
    private final Map<String, Ec2Client> monitorClients = new ConcurrentHashMap<>();

    public AwsVpnClient(NetworkingConfig config) {
        this.config = config;
    }

    private Ec2Client ec2(String region) {
        return clients.computeIfAbsent(region, r -> CloudClients.ec2(r, config.aws().endpoint(), config.clientName(),
                Duration.ofSeconds(2), config.aws().callTimeout(),
                o -> o.retryStrategy(RetryMode.STANDARD).apiCallTimeout(config.aws().callTimeout())));
    }

    private Ec2Client monitorEc2(String region) {
        Duration timeout = config.monitor().callTimeout();
        return monitorClients.computeIfAbsent(region, r -> CloudClients.ec2(r, config.aws().endpoint(), config.clientName(),
                timeout, timeout, o -> o.retryStrategy(RetryMode.STANDARD).retryStrategy(b -> b.maxAttempts(1))
                        .apiCallTimeout(timeout)));
    }

    @PreDestroy
    void close() {
        clients.values().forEach(Ec2Client::close);
        monitorClients.values().forEach(Ec2Client::close);
    }

    private static List<TagSpecification> tags(ResourceType type, String linkId, String role) {
        return List.of(TagSpecification.builder().resourceType(type).tags(
                Tag.builder().key(LINK_TAG).value(linkId).build(),
                Tag.builder().key(ROLE_TAG).value(role).build()).build());
    }

    private static List<Filter> byTags(String linkId, String role) {
        return List.of(Filter.builder().name("tag:" + LINK_TAG).values(linkId).build(),
                Filter.builder().name("tag:" + ROLE_TAG).values(role).build());
    }

    @Override
    public String createVpnGateway(String region, String linkId, long amazonSideAsn) {
        return call(() -> {
            Optional<VpnGateway> existing = ec2(region).describeVpnGateways(r -> r.filters(byTags(linkId, "vgw")))
                    .vpnGateways().stream().filter(g -> !"deleted".equals(g.stateAsString())).findFirst();
            if (existing.isPresent()) {
                return existing.get().vpnGatewayId();
            }
            return ec2(region).createVpnGateway(r -> r.type(GatewayType.IPSEC_1).amazonSideAsn(amazonSideAsn)
                    .tagSpecifications(tags(ResourceType.VPN_GATEWAY, linkId, "vgw"))).vpnGateway().vpnGatewayId();
        });
    }

    @Override
    public void attachVpnGateway(String region, String vpnGatewayId, String vpcId) {
        call(() -> {
            VpnGateway g = ec2(region).describeVpnGateways(r -> r.vpnGatewayIds(vpnGatewayId)).vpnGateways().get(0);
            boolean attached = g.vpcAttachments().stream()
                    .anyMatch(a -> vpcId.equals(a.vpcId()) && !"detached".equals(a.stateAsString()));
            if (!attached) {
                ec2(region).attachVpnGateway(r -> r.vpnGatewayId(vpnGatewayId).vpcId(vpcId));
            }
            return null;
        });
    }

    @Override
    public String createCustomerGateway(String region, String linkId, int index, String ipAddress, long bgpAsn) {
        String role = "cgw-" + index;
        return call(() -> {
            Optional<CustomerGateway> existing = ec2(region).describeCustomerGateways(r -> r.filters(byTags(linkId, role)))
                    .customerGateways().stream().filter(c -> !"deleted".equals(c.state())).findFirst();
            if (existing.isPresent()) {
                return existing.get().customerGatewayId();
            }
            return ec2(region).createCustomerGateway(r -> r.type(GatewayType.IPSEC_1).ipAddress(ipAddress)
                            .bgpAsn((int) bgpAsn).tagSpecifications(tags(ResourceType.CUSTOMER_GATEWAY, linkId, role)))
                    .customerGateway().customerGatewayId();
        });
    }

    @Override
    public VpnConnection createVpnConnection(String region, String linkId, int index, String vpnGatewayId,
                                             String customerGatewayId, List<TunnelSpec> tunnels) {
        String role = "vpn-" + index;
        return call(() -> {
            var existing = ec2(region).describeVpnConnections(r -> r.filters(byTags(linkId, role)))
                    .vpnConnections().stream().filter(c -> !"deleted".equals(c.stateAsString())).findFirst();
            var connection = existing.orElseGet(() -> ec2(region).createVpnConnection(r -> r
                    .type("ipsec.1")
                    .vpnGatewayId(vpnGatewayId)
                    .customerGatewayId(customerGatewayId)
                    .options(VpnConnectionOptionsSpecification.builder()
                            .staticRoutesOnly(false)
                            .tunnelOptions(tunnels.stream().map(t -> VpnTunnelOptionsSpecification.builder()
                                    .tunnelInsideCidr(t.insideCidr()).preSharedKey(t.preSharedKey()).build()).toList())
                            .build())
                    .tagSpecifications(tags(ResourceType.VPN_CONNECTION, linkId, role))).vpnConnection());
            // the outside IPs, in the order of the tunnel options (matched by inside CIDR)
            Map<String, String> outsideByInside = new LinkedHashMap<>();
            connection.options().tunnelOptions().forEach(o -> outsideByInside.put(o.tunnelInsideCidr(), o.outsideIpAddress()));
            List<String> outside = tunnels.stream().map(t -> outsideByInside.get(t.insideCidr())).toList();
            if (outside.contains(null)) {
                throw new CloudCallException("aws", FailureKind.CONFLICT, "VPN connection " + connection.vpnConnectionId()
                        + " does not carry the requested inside CIDRs", null);
            }
            return new VpnConnection(connection.vpnConnectionId(), outside);
        });
    }

    @Override
    public void enableRoutePropagation(String region, String vpcId, String vpnGatewayId) {
        call(() -> {
            List<RouteTable> tables = ec2(region).describeRouteTables(r -> r.filters(
                    Filter.builder().name("vpc-id").values(vpcId).build())).routeTables();
            for (RouteTable table : tables) {
                boolean propagating = table.propagatingVgws().stream().anyMatch(p -> vpnGatewayId.equals(p.gatewayId()));
                if (!propagating) {
                    ec2(region).enableVgwRoutePropagation(r -> r.gatewayId(vpnGatewayId).routeTableId(table.routeTableId()));
                }
            }
            return null;
        });
    }

    @Override
    public void allowIngressFrom(String region, String vpcId, String peerCidr) {
        call(() -> {
            SecurityGroup group = defaultGroup(region, vpcId);
            boolean present = group.ipPermissions().stream().anyMatch(p -> "-1".equals(p.ipProtocol())
                    && p.ipRanges().stream().anyMatch(r -> peerCidr.equals(r.cidrIp())));
            if (!present) {
                ec2(region).authorizeSecurityGroupIngress(r -> r.groupId(group.groupId()).ipPermissions(allFrom(peerCidr)));
            }
            return null;
        });
    }

    @Override
    public void revokeIngressFrom(String region, String vpcId, String peerCidr) {
        call(() -> {
            SecurityGroup group = defaultGroup(region, vpcId);
            boolean present = group.ipPermissions().stream().anyMatch(p -> "-1".equals(p.ipProtocol())
                    && p.ipRanges().stream().anyMatch(r -> peerCidr.equals(r.cidrIp())));
            if (present) {
                ec2(region).revokeSecurityGroupIngress(r -> r.groupId(group.groupId()).ipPermissions(allFrom(peerCidr)));
            }
            return null;
        });
    }

    private static IpPermission allFrom(String cidr) {
        return IpPermission.builder().ipProtocol("-1")
                .ipRanges(IpRange.builder().cidrIp(cidr).description("skybridge peer network").build()).build();
    }

    private SecurityGroup defaultGroup(String region, String vpcId) {
        return ec2(region).describeSecurityGroups(r -> r.filters(
                        Filter.builder().name("vpc-id").values(vpcId).build(),
                        Filter.builder().name("group-name").values("default").build()))
                .securityGroups().stream().findFirst()
                .orElseThrow(() -> new CloudCallException("aws", FailureKind.INVALID_REQUEST,
                        "VPC " + vpcId + " has no default security group", null));
    }

    @Override
    public Map<String, Boolean> tunnelTelemetry(String region, List<String> vpnConnectionIds) {
        return call(() -> {
            Map<String, Boolean> status = new LinkedHashMap<>();
            monitorEc2(region).describeVpnConnections(r -> r.vpnConnectionIds(vpnConnectionIds)).vpnConnections()
                    .forEach(c -> {
                        for (VgwTelemetry t : c.vgwTelemetry()) {
                            status.put(t.outsideIpAddress(), "UP".equals(t.statusAsString()));
                        }
                    });
            return status;
        });
    }

    @Override
    public void deleteVpnConnection(String region, String vpnConnectionId) {
        call(() -> {
            ignoreNotFound(() -> ec2(region).deleteVpnConnection(r -> r.vpnConnectionId(vpnConnectionId)));
            return null;
        });
    }

    @Override
    public void deleteCustomerGateway(String region, String customerGatewayId) {
        call(() -> {
            ignoreNotFound(() -> ec2(region).deleteCustomerGateway(r -> r.customerGatewayId(customerGatewayId)));
            return null;
        });
    }

    @Override
    public void detachAndDeleteVpnGateway(String region, String vpnGatewayId, String vpcId) {
        call(() -> {
            if (vpcId != null) {
                ignoreNotFound(() -> ec2(region).detachVpnGateway(r -> r.vpnGatewayId(vpnGatewayId).vpcId(vpcId)));
            }
            ignoreNotFound(() -> ec2(region).deleteVpnGateway(r -> r.vpnGatewayId(vpnGatewayId)));
            return null;
        });
    }

    @Override
    public void ping(String region) {
        call(() -> ec2(region).describeVpnGateways(r -> r.filters(byTags("-", "-"))));
    }

    private static void ignoreNotFound(Runnable r) {
        try {
            r.run();
        } catch (AwsServiceException e) {
            String code = e.awsErrorDetails() == null ? "" : e.awsErrorDetails().errorCode();
            if (!(code.contains("NotFound") || code.equals("IncorrectState") && e.getMessage().contains("detached"))) {
                throw e;
            }
        }
    }

    private static <T> T call(Supplier<T> call) {
        try {
            return call.get();
        } catch (AwsServiceException e) {
            String code = e.awsErrorDetails() == null ? "" : e.awsErrorDetails().errorCode();
            FailureKind kind;
            if (e.isThrottlingException() || code.contains("RequestLimitExceeded") || code.contains("Throttl")) {
                kind = FailureKind.THROTTLED;
            } else if (e.statusCode() >= 500 || "Unavailable".equals(code)) {
                kind = FailureKind.PROVIDER_UNAVAILABLE;
            } else if (code.startsWith("Invalid") || code.startsWith("Missing")) {
                kind = FailureKind.INVALID_REQUEST;
            } else {
                kind = FailureKind.CONFLICT;
            }
            throw new CloudCallException("aws", kind, code + ": " + e.awsErrorDetails().errorMessage(), e);
        } catch (SdkClientException e) {
            throw new CloudCallException("aws", FailureKind.PROVIDER_UNAVAILABLE, e.getMessage(), e);
        }
    }
}
