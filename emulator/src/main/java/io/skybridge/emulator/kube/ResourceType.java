package io.skybridge.emulator.kube;

import java.util.List;

/** One served Kubernetes resource (a group/version/plural). */
public record ResourceType(String group, String version, String plural, String singular, String kind, boolean namespaced,
                           boolean hasStatus, List<String> shortNames, List<String> subresources) {

    static final List<String> VERBS = List.of("create", "delete", "deletecollection", "get", "list", "patch", "update", "watch");

    public String apiVersion() {
        return group.isEmpty() ? version : group + "/" + version;
    }

    public String groupVersion() {
        return apiVersion();
    }

    /** The URL prefix of the group/version: {@code /api/v1} or {@code /apis/apps/v1}. */
    public String prefix() {
        return group.isEmpty() ? "/api/" + version : "/apis/" + group + "/" + version;
    }

    @Override
    public String toString() {
        return plural + (group.isEmpty() ? "" : "." + group);
    }

    static final String RBAC = "rbac.authorization.k8s.io";

    private static ResourceType t(String group, String plural, String kind, boolean ns, boolean status, List<String> shorts, List<String> subs) {
        String singular = kind.toLowerCase(java.util.Locale.ROOT);
        return new ResourceType(group, "v1", plural, singular, kind, ns, status, shorts, subs);
    }

    public static final ResourceType NAMESPACES = t("", "namespaces", "Namespace", false, true, List.of("ns"), List.of("status"));
    public static final ResourceType NODES = t("", "nodes", "Node", false, true, List.of("no"), List.of("status"));
    public static final ResourceType PODS = t("", "pods", "Pod", true, true, List.of("po"), List.of("status", "eviction", "binding"));
    public static final ResourceType EVENTS = t("", "events", "Event", true, false, List.of("ev"), List.of());
    public static final ResourceType CONFIGMAPS = t("", "configmaps", "ConfigMap", true, false, List.of("cm"), List.of());
    public static final ResourceType SECRETS = t("", "secrets", "Secret", true, false, List.of(), List.of());
    public static final ResourceType SERVICES = t("", "services", "Service", true, true, List.of("svc"), List.of("status"));
    public static final ResourceType SERVICE_ACCOUNTS = t("", "serviceaccounts", "ServiceAccount", true, false, List.of("sa"), List.of());
    public static final ResourceType DEPLOYMENTS = t("apps", "deployments", "Deployment", true, true, List.of("deploy"), List.of("status", "scale"));
    public static final ResourceType STATEFULSETS = t("apps", "statefulsets", "StatefulSet", true, true, List.of("sts"), List.of("status", "scale"));
    public static final ResourceType REPLICASETS = t("apps", "replicasets", "ReplicaSet", true, true, List.of("rs"), List.of("status", "scale"));
    public static final ResourceType DAEMONSETS = t("apps", "daemonsets", "DaemonSet", true, true, List.of("ds"), List.of("status"));
    public static final ResourceType PDBS = t("policy", "poddisruptionbudgets", "PodDisruptionBudget", true, true, List.of("pdb"), List.of("status"));
    public static final ResourceType LEASES = t("coordination.k8s.io", "leases", "Lease", true, false, List.of(), List.of());
    public static final ResourceType ROLES = t(RBAC, "roles", "Role", true, false, List.of(), List.of());
    public static final ResourceType CLUSTER_ROLES = t(RBAC, "clusterroles", "ClusterRole", false, false, List.of(), List.of());
    public static final ResourceType ROLE_BINDINGS = t(RBAC, "rolebindings", "RoleBinding", true, false, List.of(), List.of());
    public static final ResourceType CLUSTER_ROLE_BINDINGS = t(RBAC, "clusterrolebindings", "ClusterRoleBinding", false, false, List.of(), List.of());
    public static final ResourceType JOBS = t("batch", "jobs", "Job", true, true, List.of(), List.of("status"));
    public static final ResourceType CRDS = t("apiextensions.k8s.io", "customresourcedefinitions", "CustomResourceDefinition", false, true,
        List.of("crd", "crds"), List.of("status"));

    /** The built-in resources; custom resources registered by stored CRDs come from {@link KubeStore#types()}. */
    public static final List<ResourceType> ALL = List.of(NAMESPACES, NODES, PODS, EVENTS, CONFIGMAPS, SECRETS, SERVICES, SERVICE_ACCOUNTS,
        DEPLOYMENTS, STATEFULSETS, REPLICASETS, DAEMONSETS, PDBS, LEASES, ROLES, CLUSTER_ROLES, ROLE_BINDINGS, CLUSTER_ROLE_BINDINGS,
        JOBS, CRDS);

    /** True for the resources above; false for custom resources registered by a stored CRD. */
    public boolean builtIn() {
        return ALL.contains(this);
    }

    /** Identity is group/version/plural: a CRD update that changes short names keeps the same stored objects. */
    @Override
    public boolean equals(Object o) {
        return o instanceof ResourceType r && r.group.equals(group) && r.version.equals(version) && r.plural.equals(plural);
    }

    @Override
    public int hashCode() {
        return java.util.Objects.hash(group, version, plural);
    }

    public static ResourceType find(String group, String version, String plural) {
        for (ResourceType r : ALL) {
            if (r.group.equals(group) && r.version.equals(version) && r.plural.equals(plural)) {
                return r;
            }
        }
        return null;
    }
}
