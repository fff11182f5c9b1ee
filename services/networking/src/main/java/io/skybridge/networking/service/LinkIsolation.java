package io.skybridge.networking.service;

import io.skybridge.contracts.networking.NetworkLinkIsolated;
import io.skybridge.networking.cloud.AwsVpnApi;
import io.skybridge.networking.cloud.GcpVpnApi;
import io.skybridge.networking.domain.LinkPhase;
import io.skybridge.networking.domain.LinkResource;
import io.skybridge.networking.domain.LinkTunnel;
import io.skybridge.networking.domain.NetworkLink;
import io.skybridge.networking.domain.TunnelState;
import io.skybridge.networking.repository.LinkStore;
import io.skybridge.networking.repository.LinkStore.LinkSnapshot;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * Cuts a link off a compromised cloud, acting only on the surviving side: if AWS is compromised, GCP
 * deletes its tunnel ends and denies the AWS CIDR with a high-priority firewall rule; if GCP is
 * compromised, AWS deletes its VPN connections and stops letting the GCP CIDR in. Gateways, routers
 * and keys stay, so restoration is quick.
 */
@ApplicationScoped
public class LinkIsolation {
    static final String STEP = "isolation";

    @Inject
    LinkStore store;

    @Inject
    GcpVpnApi gcp;

    @Inject
    AwsVpnApi aws;

    @Inject
    ResourceDeleter deleter;

    void isolate(LinkSnapshot s) {
        NetworkLink link = s.link();
        List<String> denyRules = new ArrayList<>();
        int disabled;
        if ("aws".equals(link.isolatedCloud)) {
            disabled = deleteWhere(s, "gcp", Set.of("vpnTunnels"));
            String name = link.gcpName("deny-peer");
            store.recordResource(link.id, STEP, "gcp", "firewalls", name, null);
            gcp.createDenyFirewall(link.gcpProject, link.gcpNetwork, name, link.awsCidr,
                    UUID.nameUUIDFromBytes(("isolate/" + link.id + "/" + link.incidentId).getBytes()).toString());
            denyRules.add("gcp:firewall/" + name + " deny all from " + link.awsCidr);
        } else {
            disabled = 2 * deleteWhere(s, "aws", Set.of("vpn-connection"));
            deleteWhere(s, "aws", Set.of("sg-ingress"));
            denyRules.add("aws:security-group ingress from " + link.gcpCidr + " revoked");
        }
        NetworkLink fresh = store.load(link.id).link();
        List<LinkTunnel> tunnels = store.load(link.id).tunnels();
        tunnels.forEach(t -> {
            t.status = TunnelState.DOWN;
            t.changedAt = Instant.now();
        });
        fresh.phase = LinkPhase.ISOLATED;
        fresh.tunnelsUp = 0;
        store.save(fresh, tunnels, null, List.of(new NetworkLinkIsolated(fresh.id, fresh.isolatedCloud, disabled, denyRules,
                fresh.incidentId, Instant.now())), LinkEvents.causeOf(fresh));
    }

    /**
     * Undoes the isolation on the side that made it; the link goes back to PROVISIONING so the saga
     * re-runs whatever steps must be redone, and the monitor reports the restoration once all tunnels are up.
     */
    void restore(LinkSnapshot s) {
        NetworkLink link = s.link();
        if ("aws".equals(link.isolatedCloud)) {
            deleteWhere(s, "gcp", Set.of("firewalls"), r -> r.step.equals(STEP));
            store.forgetSteps(link.id, List.of(LinkProvisioningSteps.GCP_TUNNELS, LinkProvisioningSteps.GCP_BGP));
        } else {
            // new AWS VPN connections get new outside IPs: the GCP peer gateway and tunnels are redone too
            deleteWhere(s, "gcp", Set.of("vpnTunnels"));
            deleteWhere(s, "gcp", Set.of("externalVpnGateways"));
            store.forgetSteps(link.id, List.of(LinkProvisioningSteps.AWS_VPN_CONNECTIONS, LinkProvisioningSteps.AWS_ROUTING,
                    LinkProvisioningSteps.GCP_EXTERNAL_GATEWAY, LinkProvisioningSteps.GCP_TUNNELS, LinkProvisioningSteps.GCP_BGP));
        }
        NetworkLink fresh = store.load(link.id).link();
        fresh.phase = LinkPhase.PROVISIONING;
        fresh.restorePending = true;
        store.save(fresh, List.of(), null);
    }

    private int deleteWhere(LinkSnapshot s, String cloud, Set<String> kinds) {
        return deleteWhere(s, cloud, kinds, r -> true);
    }

    private int deleteWhere(LinkSnapshot s, String cloud, Set<String> kinds, java.util.function.Predicate<LinkResource> filter) {
        List<LinkResource> targets = new ArrayList<>(s.resources().stream()
                .filter(r -> r.cloud.equals(cloud) && kinds.contains(r.kind) && filter.test(r)).toList());
        java.util.Collections.reverse(targets);
        for (LinkResource r : targets) {
            deleter.deleteOne(s.link(), r);
        }
        return targets.size();
    }
}
