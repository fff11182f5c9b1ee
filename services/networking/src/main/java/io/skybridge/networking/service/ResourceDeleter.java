package io.skybridge.networking.service;

import io.skybridge.networking.cloud.AwsVpnApi;
import io.skybridge.networking.cloud.GcpVpnApi;
import io.skybridge.networking.domain.LinkResource;
import io.skybridge.networking.domain.NetworkLink;
import io.skybridge.networking.repository.LinkStore;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;

/** Deletes what a link's saga created, newest first (tunnels before gateways, connections before the VGW). */
@ApplicationScoped
public class ResourceDeleter {
    private static final Logger LOG = Logger.getLogger(ResourceDeleter.class);

    @Inject
    AwsVpnApi aws;

    @Inject
    GcpVpnApi gcp;

    @Inject
    LinkStore store;

    /** @return how many resources were deleted; failures are thrown after the ones that could go went */
    public int deleteAll(NetworkLink link, List<LinkResource> resources) {
        List<LinkResource> newestFirst = new ArrayList<>(resources);
        Collections.reverse(newestFirst);
        int deleted = 0;
        RuntimeException first = null;
        for (LinkResource r : newestFirst) {
            try {
                delete(link, r);
                store.markDeleted(r.id);
                deleted++;
            } catch (RuntimeException e) {
                LOG.warnf("link %s: could not delete %s %s %s: %s", link.id, r.cloud, r.kind, r.providerId, e.getMessage());
                if (first == null) {
                    first = e;
                }
            }
        }
        if (first != null) {
            throw first;
        }
        return deleted;
    }

    /** Deletes one resource and marks it deleted. */
    public void deleteOne(NetworkLink link, LinkResource r) {
        delete(link, r);
        store.markDeleted(r.id);
    }

    private void delete(NetworkLink link, LinkResource r) {
        if (r.cloud.equals("aws")) {
            switch (r.kind) {
                case "vpn-connection" -> aws.deleteVpnConnection(r.region, r.providerId);
                case "customer-gateway" -> aws.deleteCustomerGateway(r.region, r.providerId);
                case "vpn-gateway" -> aws.detachAndDeleteVpnGateway(r.region, r.providerId, link.awsVpcId);
                case "sg-ingress" -> aws.revokeIngressFrom(r.region, link.awsVpcId, r.providerId);
                default -> throw new IllegalStateException("unknown AWS resource kind " + r.kind);
            }
        } else {
            // one request id per deletion and per intent that asked for it: a retry of the same deletion
            // is deduplicated by Compute Engine, a later deletion of a re-made resource is not
            String requestId = UUID.nameUUIDFromBytes(("delete/" + link.intentId + "/" + link.id + "/" + r.kind + "/"
                    + r.providerId).getBytes()).toString();
            gcp.delete(link.gcpProject, link.gcpRegion, r.kind, r.providerId, requestId);
        }
    }
}
