package io.skybridge.networking.cloud;

import java.util.List;
import java.util.Map;

/** What the networking saga needs from Compute Engine (HA VPN, Cloud Router, firewall). */
public interface GcpVpnApi {

    record TunnelSpec(String name, int vpnGatewayInterface, int peerInterface, String preSharedKey) {
        @Override
        public String toString() {
            return "TunnelSpec[name=" + name + ", interface=" + vpnGatewayInterface + ", peer=" + peerInterface + "]";
        }
    }

    record BgpPeerSpec(String name, String tunnelName, String interfaceIpRange, String peerIp, long peerAsn) {
    }

    /** @return the two interface IPs of the HA VPN gateway */
    List<String> createHaVpnGateway(String project, String region, String network, String name, String requestId);

    void createRouter(String project, String region, String network, String name, long asn, String requestId);

    void createExternalVpnGateway(String project, String name, List<String> ips, String requestId);

    void createTunnel(String project, String region, TunnelSpec tunnel, String haGateway, String externalGateway,
                      String router, String requestId);

    void configureBgp(String project, String region, String router, List<BgpPeerSpec> peers, String requestId);

    void createFirewall(String project, String network, String name, String sourceCidr, String requestId);

    /** A high-priority rule denying all traffic from {@code sourceCidr} (isolation). */
    void createDenyFirewall(String project, String network, String name, String sourceCidr, String requestId);

    /** Tunnel name → status ({@code ESTABLISHED}, {@code NO_INCOMING_PACKETS}, …). */
    Map<String, String> tunnelStatuses(String project, String region, List<String> names);

    /** Deletes a resource; absent is fine. {@code kind}: vpnTunnels, routers, vpnGateways, externalVpnGateways, firewalls. */
    void delete(String project, String region, String kind, String name, String requestId);

    void ping(String project, String region);
}
