package io.skybridge.provisioning.service;

import com.fasterxml.jackson.core.type.TypeReference;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.skybridge.contracts.ContractJson;
import io.skybridge.contracts.common.Taint;
import io.skybridge.provisioning.config.ProvisioningConfig;
import io.skybridge.provisioning.domain.JoinConfig;
import io.skybridge.provisioning.domain.NodePool;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds a node's join configuration. The bootstrap token comes from configuration or from a Secret
 * (read when needed, never cached in logs or exceptions).
 */
@ApplicationScoped
public class JoinConfiguration {

    @Inject
    ProvisioningConfig config;

    @Inject
    KubernetesClient kube;

    public JoinConfig forNode(NodePool pool, String nodeId) {
        return new JoinConfig(config.join().apiServer(), token(), nodeId, pool.id, labels(pool), taints(pool));
    }

    /** For the VMs of one multi-instance launch: {@code nodeIds} in launch-index order. */
    public JoinConfig forBatch(NodePool pool, List<String> nodeIds) {
        return JoinConfig.forBatch(config.join().apiServer(), token(), nodeIds, pool.id, labels(pool), taints(pool));
    }

    private static Map<String, String> labels(NodePool pool) {
        Map<String, String> labels = new LinkedHashMap<>(read(pool.labels, new TypeReference<Map<String, String>>() { }));
        labels.put(JoinConfig.POOL_LABEL, pool.id);
        return labels;
    }

    private static List<Taint> taints(NodePool pool) {
        return read(pool.taints, new TypeReference<List<Taint>>() { });
    }

    /** What the VM boots with: a user-data script on EC2, the metadata value on Compute Engine. */
    public String bootData(String cloud, JoinConfig join) {
        return "aws".equals(cloud) ? join.userDataScript() : join.line();
    }

    private String token() {
        if (config.join().token().isPresent()) {
            return config.join().token().get();
        }
        String name = config.join().tokenSecret().orElseThrow(() -> new IllegalStateException(
                "no join token: set skybridge.provisioning.join.token or skybridge.provisioning.join.token-secret"));
        Secret secret = kube.secrets().inNamespace(config.join().tokenSecretNamespace()).withName(name).get();
        if (secret == null || secret.getData() == null || !secret.getData().containsKey("token")) {
            throw new IllegalStateException("Secret " + config.join().tokenSecretNamespace() + "/" + name
                    + " has no key 'token'");
        }
        return new String(Base64.getDecoder().decode(secret.getData().get("token")), StandardCharsets.UTF_8).trim();
    }

    private static <T> T read(String json, TypeReference<T> type) {
        try {
            return ContractJson.mapper().readValue(json, type);
        } catch (Exception e) {
            throw new IllegalStateException("stored pool definition is not JSON", e);
        }
    }

    static List<String> list(String json) {
        return read(json, new TypeReference<List<String>>() { });
    }
}
