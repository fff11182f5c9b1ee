package io.skybridge.emulator.gcp;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.skybridge.emulator.world.Cidr;
import io.skybridge.emulator.world.IpPool;
import io.skybridge.emulator.world.WorldSpec;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** The Google Cloud project's resources and operations. Guarded by the world lock. */
public final class GcpState {

    /** A Compute Engine resource; {@code json} is what the API returns. */
    public static final class Resource {
        public String collection;
        public String project;
        /** "zones", "regions" or "global" */
        public String scopeType;
        /** zone or region name; null for global */
        public String scope;
        public String name;
        public String path;
        public long id;
        public ObjectNode json;
        /** fields the API never returns (a VPN tunnel's shared secret) */
        public final Map<String, Object> hidden = new HashMap<>();
        public long createdAt;
    }

    /** A long-running operation. */
    public static final class Operation {
        public String name;
        public String path;
        public long id;
        public String project;
        public String scopeType;
        public String scope;
        public String operationType;
        public String targetLink;
        public long targetId;
        public long insertTime;
        public long startTime;
        public long doneAt;
        public boolean done;
        public long endTime;
        public ObjectNode error;
        public Integer httpErrorStatusCode;
        public String httpErrorMessage;
        public Runnable onDone;
    }

    final WorldSpec.Gcp spec;
    final SecureRandom random = new SecureRandom();
    /** path ("projects/p/zones/z/instances/n") → resource, sorted */
    public final TreeMap<String, Resource> resources = new TreeMap<>();
    /** collection → path → resource, so that per-collection scans do not walk 10,000 instances */
    private final Map<String, TreeMap<String, Resource>> byCollection = new HashMap<>();
    public final Map<String, Operation> operations = new LinkedHashMap<>();
    final List<Operation> pending = new ArrayList<>();
    final Map<String, Operation> byRequestId = new HashMap<>();
    final Map<String, IpPool> subnetPools = new HashMap<>();
    final IpPool publicIps;
    final Map<String, WorldSpec.MachineType> machineTypes = new LinkedHashMap<>();

    public GcpState(WorldSpec.Gcp spec) {
        this.spec = spec;
        this.publicIps = new IpPool(Cidr.parse(spec.publicIpPool), 1);
        for (WorldSpec.MachineType m : spec.machineTypes) {
            machineTypes.put(m.name, m);
        }
    }

    private String baseUrl;

    /** Creates the seeded networks and subnetworks on first use (their selfLinks need the served base URL). */
    public void ensureSeeded(String base, long now) {
        if (baseUrl != null) {
            return;
        }
        baseUrl = base;
        for (WorldSpec.Network n : spec.networks) {
            ObjectNode net = Json.object();
            net.put("description", n.description == null ? "" : n.description);
            net.put("autoCreateSubnetworks", false);
            net.putObject("routingConfig").put("routingMode", "REGIONAL");
            net.put("mtu", 1460);
            net.put("networkFirewallPolicyEnforcementOrder", "AFTER_CLASSIC_FIREWALL");
            Resource nr = create("networks", spec.project, "global", null, n.name, net, "compute#network", now);
            var subs = nr.json.putArray("subnetworks");
            for (WorldSpec.Subnetwork sn : n.subnetworks) {
                ObjectNode sub = Json.object();
                Cidr c = Cidr.parse(sn.cidr);
                sub.put("network", nr.json.get("selfLink").asText());
                sub.put("ipCidrRange", sn.cidr);
                sub.put("gatewayAddress", Cidr.format(c.base() + 1));
                sub.put("privateIpGoogleAccess", false);
                sub.put("stackType", "IPV4_ONLY");
                sub.put("purpose", "PRIVATE");
                sub.put("fingerprint", "c2t5YnJpZGdl");
                Resource sr = create("subnetworks", spec.project, "regions", sn.region, sn.name, sub, "compute#subnetwork", now);
                subnetPools.put(sr.path, new IpPool(c, 2));
                subs.add(sr.json.get("selfLink").asText());
            }
        }
    }

    public boolean seeded() {
        return baseUrl != null;
    }

    /** Absolute URL of a resource path such as {@code projects/p/zones/z}. */
    public String url(String path) {
        return baseUrl + path;
    }

    public static String scopePath(String project, String scopeType, String scope) {
        return "projects/" + project + "/" + scopeType + (scope == null ? "" : "/" + scope);
    }

    /** Creates and stores a resource: fills kind, id, name, selfLink, creationTimestamp and zone/region. */
    public Resource create(String collection, String project, String scopeType, String scope, String name, ObjectNode json,
                           String kind, long now) {
        Resource r = new Resource();
        r.collection = collection;
        r.project = project;
        r.scopeType = scopeType;
        r.scope = scope;
        r.name = name;
        r.path = scopePath(project, scopeType, scope) + "/" + collection + "/" + name;
        r.id = newId();
        r.createdAt = now;
        ObjectNode out = Json.object();
        out.put("kind", kind);
        out.put("id", Long.toUnsignedString(r.id));
        out.put("creationTimestamp", Json.timestamp(now));
        out.put("name", name);
        if ("zones".equals(scopeType)) {
            out.put("zone", url(scopePath(project, "zones", scope)));
        } else if ("regions".equals(scopeType)) {
            out.put("region", url(scopePath(project, "regions", scope)));
        }
        out.setAll(json);
        out.put("selfLink", url(r.path));
        r.json = out;
        resources.put(r.path, r);
        byCollection.computeIfAbsent(collection, k -> new TreeMap<>()).put(r.path, r);
        return r;
    }

    /** Removes a resource. */
    public void remove(Resource r) {
        resources.remove(r.path);
        TreeMap<String, Resource> c = byCollection.get(r.collection);
        if (c != null) {
            c.remove(r.path);
        }
    }

    public String project() {
        return spec.project;
    }

    public WorldSpec.Gcp spec() {
        return spec;
    }

    public Map<String, WorldSpec.MachineType> machineTypes() {
        return machineTypes;
    }

    public long newId() {
        long v;
        do {
            v = 1_000_000_000_000_000_000L + (random.nextLong() & Long.MAX_VALUE) % 8_000_000_000_000_000_000L;
        } while (v < 0);
        return v;
    }

    public Resource get(String path) {
        return resources.get(path);
    }

    /** Resources of {@code collection} whose path starts with {@code prefix}, in name order. */
    public List<Resource> list(String prefix, String collection) {
        List<Resource> out = new ArrayList<>();
        TreeMap<String, Resource> c = byCollection.get(collection);
        if (c == null) {
            return out;
        }
        for (Map.Entry<String, Resource> e : c.tailMap(prefix, true).entrySet()) {
            if (!e.getKey().startsWith(prefix)) {
                break;
            }
            out.add(e.getValue());
        }
        return out;
    }

    /** All resources of a collection in a project, across scopes. */
    public List<Resource> all(String project, String collection) {
        return list("projects/" + project + "/", collection);
    }

    /** Completes operations whose time has come; runs their completion hooks. */
    public void advance(long now) {
        if (pending.isEmpty()) {
            return;
        }
        List<Operation> due = new ArrayList<>();
        pending.removeIf(op -> {
            if (now >= op.doneAt) {
                due.add(op);
                return true;
            }
            return false;
        });
        for (Operation op : due) {
            op.done = true;
            op.endTime = Math.max(op.doneAt, op.insertTime);
            if (op.onDone != null) {
                op.onDone.run();
            }
        }
    }

    void addPending(Operation op) {
        pending.add(op);
    }
}
