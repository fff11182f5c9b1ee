package io.skybridge.emulator.gcp;

import io.skybridge.emulator.gcp.GcpState.Resource;
import io.skybridge.emulator.world.Cloud;
import io.skybridge.emulator.world.World;

/** References between resources (URLs or names, checked to exist) and what still uses a resource. */
final class GceReferences extends GceFamily {
    GceReferences(World world) {
        super(world);
    }

    // ================================================================= references

    /**
     * Normalises a reference (full URL, {@code projects/...} path, scope-relative path or bare name) to a
     * canonical {@code projects/...} path.
     */
    String ref(String value, String project, String scopeType, String scope, String coll, String field) {
        if (value == null || value.isEmpty()) {
            return null;
        }
        String v = value;
        int i = v.indexOf("/projects/");
        if (v.startsWith("http://") || v.startsWith("https://")) {
            if (i < 0) {
                throw GceException.invalid(field, value, "The URL is malformed.");
            }
            v = v.substring(i + 1);
        }
        if (v.startsWith("projects/")) {
            String[] parts = v.split("/");
            if (parts.length >= 2 && parts[1].equals(world.spec().gcp.projectNumber)) {
                parts[1] = project;
                v = String.join("/", parts);
            }
            return v;
        }
        if (v.startsWith("global/") || v.startsWith("regions/") || v.startsWith("zones/")) {
            return "projects/" + project + "/" + v;
        }
        if (v.contains("/")) {
            throw GceException.invalid(field, value, "The URL is malformed.");
        }
        return GcpState.scopePath(project, scopeType, scope) + "/" + coll + "/" + v;
    }

    Resource requireRef(GcpState g, String value, String project, String scopeType, String scope, String coll, String field) {
        String p = ref(value, project, scopeType, scope, coll, field);
        if (p == null) {
            throw GceException.required(field);
        }
        Resource r = g.get(p);
        if (r == null || !r.collection.equals(coll)) {
            throw new GceException(404, "notFound", "The resource '" + p + "' was not found");
        }
        return r;
    }

    /** Path of a resource that references {@code res}, or null. */
    String usedBy(GcpState g, Resource res) {
        String link = res.json.path("selfLink").asText();
        for (Resource other : g.resources.values()) {
            if (other == res || (other.collection.equals("instances") && !res.collection.equals("subnetworks") && !res.collection.equals("networks"))) {
                continue;
            }
            // as in Compute Engine, a Cloud Router interface linked to a tunnel does not keep the tunnel alive
            boolean routerLinksTunnel = other.collection.equals("routers") && res.collection.equals("vpnTunnels");
            if (!routerLinksTunnel && other.json.toString().contains("\"" + link + "\"")) {
                return other.path;
            }
            for (Object v : other.hidden.values()) {
                if (res.path.equals(v)) {
                    return other.path;
                }
            }
        }
        return null;
    }
}
