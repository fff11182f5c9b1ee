package io.skybridge.networking.cloud;

import java.util.List;
import java.util.Map;

/** What the networking saga needs from AWS (EC2 VPN). Every create is safe to repeat for the same link. */
public interface AwsVpnApi {

    record TunnelSpec(String insideCidr, String preSharedKey) {
        @Override
        public String toString() {
            return "TunnelSpec[insideCidr=" + insideCidr + ", preSharedKey=***]";
        }
    }

    record VpnConnection(String id, List<String> outsideIps) {
    }

    String createVpnGateway(String region, String linkId, long amazonSideAsn);

    void attachVpnGateway(String region, String vpnGatewayId, String vpcId);

    String createCustomerGateway(String region, String linkId, int index, String ipAddress, long bgpAsn);

    VpnConnection createVpnConnection(String region, String linkId, int index, String vpnGatewayId,
                                      String customerGatewayId, List<TunnelSpec> tunnels);

    void enableRoutePropagation(String region, String vpcId, String vpnGatewayId);

    void allowIngressFrom(String region, String vpcId, String peerCidr);

    /** Tunnel outside IP → UP? for the given connections. */
    Map<String, Boolean> tunnelTelemetry(String region, List<String> vpnConnectionIds);

    void deleteVpnConnection(String region, String vpnConnectionId);

    void deleteCustomerGateway(String region, String customerGatewayId);

    void detachAndDeleteVpnGateway(String region, String vpnGatewayId, String vpcId);

    void revokeIngressFrom(String region, String vpcId, String peerCidr);

    /** A cheap call telling whether the API answers. */
    void ping(String region);
}
