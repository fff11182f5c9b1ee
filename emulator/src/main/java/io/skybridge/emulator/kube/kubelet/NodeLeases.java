package io.skybridge.emulator.kube.kubelet;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.skybridge.emulator.kube.Json;
import io.skybridge.emulator.kube.KubeException;
import io.skybridge.emulator.kube.KubeStore;
import io.skybridge.emulator.kube.ResourceType;

import java.time.Instant;

/** The node heartbeat Leases in {@code kube-node-lease}, owned by their Node. */
final class NodeLeases {
    static final String NAMESPACE = "kube-node-lease";
    private final KubeStore store;

    NodeLeases(KubeStore store) {
        this.store = store;
    }

    void renew(String nodeName, long now) {
        String micro = Instant.ofEpochMilli(now).toString().replace("Z", "").concat(now % 1000 == 0 ? ".000000Z" : "000Z");
        if (!micro.contains(".")) {
            micro = Instant.ofEpochMilli(now).toString();
        }
        String renew = micro;
        ObjectNode lease = store.mutate(ResourceType.LEASES, NAMESPACE, nodeName, l -> ((ObjectNode) l.get("spec")).put("renewTime", renew));
        if (lease == null) {
            ObjectNode l = Json.object();
            ObjectNode m = l.putObject("metadata").put("name", nodeName).put("namespace", NAMESPACE);
            ObjectNode node = store.find(ResourceType.NODES, null, nodeName);
            if (node != null) {
                m.putArray("ownerReferences").addObject().put("apiVersion", "v1").put("kind", "Node").put("name", nodeName)
                    .put("uid", node.path("metadata").path("uid").asText());
            }
            l.putObject("spec").put("holderIdentity", nodeName).put("leaseDurationSeconds", 40).put("renewTime", renew);
            try {
                store.create(ResourceType.LEASES, NAMESPACE, l);
            } catch (KubeException e) {
                // raced
            }
        }
    }

    void delete(String nodeName) {
        try {
            store.delete(ResourceType.LEASES, NAMESPACE, nodeName, 0L, null);
        } catch (KubeException e) {
            // already gone
        }
    }
}
