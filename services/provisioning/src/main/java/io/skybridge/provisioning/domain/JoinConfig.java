package io.skybridge.provisioning.domain;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.skybridge.contracts.common.Taint;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The cluster join configuration a VM boots with (kubeadm-style: API endpoint, bootstrap token, node name,
 * labels, taints), written into EC2 user data / the Compute Engine metadata as one
 * {@code SKYBRIDGE_JOIN=<base64 JSON>} line. Holds a secret: {@link #toString()} never shows the token.
 */
public record JoinConfig(String apiServer, String token, String nodeName, String pool, Map<String, String> labels,
                         List<Taint> taints, List<String> nodeNames) {

    public JoinConfig(String apiServer, String token, String nodeName, String pool, Map<String, String> labels,
                      List<Taint> taints) {
        this(apiServer, token, nodeName, pool, labels, taints, null);
    }

    /**
     * One configuration for the VMs of one multi-instance launch: each takes the name at its launch index
     * ({@code ami-launch-index} in the instance metadata).
     */
    public static JoinConfig forBatch(String apiServer, String token, List<String> nodeNames, String pool,
                                      Map<String, String> labels, List<Taint> taints) {
        return new JoinConfig(apiServer, token, null, pool, labels, taints, List.copyOf(nodeNames));
    }
    public static final String POOL_LABEL = "skybridge.io/node-pool";
    private static final ObjectMapper JSON = new ObjectMapper();

    public String json() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("apiServer", apiServer);
        m.put("token", token);
        if (nodeNames != null) {
            m.put("nodeNames", nodeNames);
        } else {
            m.put("nodeName", nodeName);
        }
        m.put("pool", pool);
        m.put("labels", labels);
        m.put("taints", taints);
        try {
            return JSON.writeValueAsString(m);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("join configuration cannot be written", e);
        }
    }

    /** {@code SKYBRIDGE_JOIN=<base64>} */
    public String line() {
        return "SKYBRIDGE_JOIN=" + Base64.getEncoder().encodeToString(json().getBytes(StandardCharsets.UTF_8));
    }

    /** A boot script for EC2 user data. */
    public String userDataScript() {
        return "#!/bin/bash\n# skybridge node bootstrap: joins the cluster with the configuration below\n" + line() + "\n";
    }

    @Override
    public String toString() {
        return "JoinConfig[apiServer=" + apiServer + ", token=***, nodeName=" + nodeName + ", pool=" + pool + "]";
    }
}
