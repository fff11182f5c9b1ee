package io.skybridge.provisioning.service;

import io.skybridge.contracts.common.Taint;
import io.skybridge.contracts.provisioning.NodePoolScaleRequested;
import io.skybridge.provisioning.config.ProvisioningConfig;
import io.skybridge.provisioning.domain.JoinConfig;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The operators' rules for what a pool may be (configuration {@code skybridge.provisioning.policy.*}), checked when a
 * scale request is accepted: trusted images only, machine types of the provider's form, no reserved label or taint
 * keys, label and taint values of the Kubernetes form, and boot data within the provider's limit. Each violation
 * names its rule.
 */
@ApplicationScoped
public class PoolPolicy {
    /** Prefixes (the part before '/') that Kubernetes and Skybridge reserve for themselves. */
    static final List<String> RESERVED_DOMAINS = List.of("skybridge.io", "kubernetes.io", "k8s.io");
    static final Pattern LABEL_VALUE = Pattern.compile("^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$");
    private static final Pattern GCE_IMAGE = Pattern.compile(
            "^(https://www\\.googleapis\\.com/compute/v1/)?projects/([a-z][-a-z0-9]{4,61}[a-z0-9])/global/images/"
                    + "(family/)?[a-z]([-a-z0-9]{0,61}[a-z0-9])?$");
    /** A bootstrap token is 23 characters; a longer stand-in keeps the estimate on the safe side. */
    private static final String TOKEN_STAND_IN = "x".repeat(64);

    @Inject
    ProvisioningConfig config;

    private Pattern awsMachineType;
    private Pattern gcpMachineType;

    @PostConstruct
    void init() {
        awsMachineType = Pattern.compile(config.policy().awsMachineTypePattern());
        gcpMachineType = Pattern.compile(config.policy().gcpMachineTypePattern());
    }

    /** @return violations, each naming the rule it breaks; empty when the request may be applied */
    public List<String> check(NodePoolScaleRequested r) {
        List<String> violations = new ArrayList<>();
        checkImage(r, violations);
        Pattern machineType = "aws".equals(r.cloud()) ? awsMachineType : gcpMachineType;
        checkMachineType("machineType", r.machineType(), machineType, violations);
        List<String> fallbacks = r.fallbackMachineTypes() == null ? List.of() : r.fallbackMachineTypes();
        for (int i = 0; i < fallbacks.size(); i++) {
            checkMachineType("fallbackMachineTypes[" + i + "]", fallbacks.get(i), machineType, violations);
        }
        Map<String, String> labels = r.labels() == null ? Map.of() : r.labels();
        labels.forEach((key, value) -> {
            checkKey("labels", key, violations);
            checkValue("labels." + key, value, violations);
        });
        List<Taint> taints = r.taints() == null ? List.of() : r.taints();
        for (int i = 0; i < taints.size(); i++) {
            checkKey("taints[" + i + "].key", taints.get(i).key(), violations);
            checkValue("taints[" + i + "].value", taints.get(i).value(), violations);
        }
        if (violations.isEmpty()) {
            checkBootData(r, labels, taints, violations);
        }
        return violations;
    }

    private void checkImage(NodePoolScaleRequested r, List<String> violations) {
        String image = r.image();
        if (image == null) {
            return; // the service's configured image
        }
        if ("aws".equals(r.cloud())) {
            if (!image.equals(config.aws().defaultImage()) && !config.policy().awsImages().contains(image)) {
                violations.add("image-allow-list: image " + image + " is not an allowed AMI (skybridge.provisioning"
                        + ".policy.aws-images)");
            }
            return;
        }
        if (image.equals(config.gcp().defaultImage()) || config.policy().gcpImages().orElse(List.of()).contains(image)) {
            return;
        }
        var m = GCE_IMAGE.matcher(image);
        if (!m.matches()) {
            violations.add("image-allow-list: image " + image + " is not a Compute Engine image path"
                    + " (projects/<project>/global/images/[family/]<name>)");
        } else if (!config.policy().gcpImageProjects().contains(m.group(2))) {
            violations.add("image-allow-list: images of project " + m.group(2) + " are not allowed"
                    + " (skybridge.provisioning.policy.gcp-image-projects)");
        }
    }

    private static void checkMachineType(String field, String value, Pattern pattern, List<String> violations) {
        if (value == null || !pattern.matcher(value).matches()) {
            violations.add("machine-type-pattern: " + field + " '" + value + "' does not match " + pattern.pattern());
        }
    }

    private static void checkKey(String field, String key, List<String> violations) {
        int slash = key.indexOf('/');
        if (slash < 0) {
            return;
        }
        String domain = key.substring(0, slash);
        for (String reserved : RESERVED_DOMAINS) {
            if (domain.equals(reserved) || domain.endsWith("." + reserved)) {
                violations.add("reserved-key: " + field + " key " + key + " is under " + reserved
                        + "/, which only Kubernetes and Skybridge set");
                return;
            }
        }
    }

    private static void checkValue(String field, String value, List<String> violations) {
        if (value != null && (value.length() > 63 || !LABEL_VALUE.matcher(value).matches())) {
            violations.add("label-value: " + field + " is not a Kubernetes label value (at most 63 of [A-Za-z0-9-_.],"
                    + " alphanumeric at both ends)");
        }
    }

    /** The largest boot data a launch of this pool can produce: a full batch of the longest node names. */
    private void checkBootData(NodePoolScaleRequested r, Map<String, String> labels, List<Taint> taints,
                               List<String> violations) {
        boolean aws = "aws".equals(r.cloud());
        int names = aws ? Math.max(1, Math.min(config.saga().launchBatchSize(), Math.max(1, r.max()))) : 1;
        List<String> longest = Collections.nCopies(names, "n".repeat(63));
        java.util.Map<String, String> all = new java.util.LinkedHashMap<>(labels);
        all.put(JoinConfig.POOL_LABEL, r.poolId());
        JoinConfig join = names == 1
                ? new JoinConfig(config.join().apiServer(), TOKEN_STAND_IN, longest.get(0), r.poolId(), all, taints)
                : JoinConfig.forBatch(config.join().apiServer(), TOKEN_STAND_IN, longest, r.poolId(), all, taints);
        String data = aws ? join.userDataScript() : join.line();
        int bytes = data.getBytes(StandardCharsets.UTF_8).length;
        int limit = aws ? config.policy().awsUserDataBytes() : config.policy().gcpUserDataBytes();
        if (bytes > limit) {
            violations.add("boot-data-size: the join configuration of a launch of " + names + " node(s) would be "
                    + bytes + " bytes, over the " + (aws ? "EC2 user data" : "Compute Engine metadata") + " limit of "
                    + limit + " (fewer or shorter labels and taints)");
        }
    }
}
