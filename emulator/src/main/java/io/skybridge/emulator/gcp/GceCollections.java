package io.skybridge.emulator.gcp;

import io.skybridge.emulator.gcp.GceApi.Reply;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.skybridge.emulator.gcp.GcpState.Operation;
import io.skybridge.emulator.gcp.GcpState.Resource;
import io.skybridge.emulator.world.World;

import java.util.List;
import java.util.Map;

/** Generic routing of a collection path: list, insert, get, delete, patch and custom verbs. */
final class GceCollections extends GceFamily {
    GceCollections(World world) {
        super(world);
    }

    // ================================================================= generic collection routing

    Reply collection(GcpState g, String method, String project, String scopeType, String scope, List<String> r,
                             Map<String, String> q, JsonNode body, String path) {
        String coll = r.get(0);
        String scopePath = GcpState.scopePath(project, scopeType, scope);
        if (coll.equals("machineTypes")) {
            requireMethod(method, "GET", path);
            if (r.size() == 1) {
                return ok(families.scopes.machineTypeList(g, project, scope, q));
            }
            if (r.size() == 2) {
                return ok(families.scopes.machineTypeJson(g, project, scope, r.get(1)));
            }
            throw unknownPath(path);
        }
        if (coll.equals("operations")) {
            if (r.size() == 1) {
                requireMethod(method, "GET", path);
                return ok(families.operations.operationList(g, scopePath, q));
            }
            Operation op = g.operations.get(scopePath + "/operations/" + r.get(1));
            if (op == null) {
                throw GceException.notFound(scopePath + "/operations/" + r.get(1));
            }
            if (r.size() == 2 && method.equals("GET")) {
                return ok(families.operations.operationJson(g, op));
            }
            if (r.size() == 2 && method.equals("DELETE")) {
                g.operations.remove(op.path);
                return new Reply(204, null);
            }
            if (r.size() == 3 && r.get(2).equals("wait") && method.equals("POST")) {
                return ok(families.operations.operationJson(g, op));
            }
            throw unknownPath(path);
        }
        if (r.size() == 1) {
            if (method.equals("GET")) {
                return ok(families.paging.list(g, scopePath, coll, q));
            }
            if (method.equals("POST")) {
                return insert(g, project, scopeType, scope, coll, q, requireBody(body));
            }
            throw badMethod(method, path);
        }
        String name = r.get(1);
        String resPath = scopePath + "/" + coll + "/" + name;
        Resource res = g.get(resPath);
        if (r.size() == 2) {
            switch (method) {
                case "GET" -> {
                    if (res == null) {
                        throw GceException.notFound(resPath);
                    }
                    return ok(render(g, res));
                }
                case "DELETE" -> {
                    if (res == null) {
                        throw GceException.notFound(resPath);
                    }
                    return delete(g, res, q);
                }
                case "PATCH" -> {
                    if (res == null) {
                        throw GceException.notFound(resPath);
                    }
                    if (!coll.equals("routers")) {
                        throw badMethod(method, path);
                    }
                    return families.vpn.patchRouter(g, res, q, requireBody(body));
                }
                default -> throw badMethod(method, path);
            }
        }
        if (r.size() == 3) {
            if (res == null) {
                throw GceException.notFound(resPath);
            }
            String verb = r.get(2);
            if (coll.equals("instances") && method.equals("POST") && (verb.equals("stop") || verb.equals("start"))) {
                return verb.equals("stop") ? families.instances.stopInstance(g, res, q) : families.instances.startInstance(g, res, q);
            }
            if (coll.equals("instances") && method.equals("POST") && verb.equals("setLabels")) {
                return families.instances.setLabels(g, res, q, requireBody(body));
            }
            if (coll.equals("routers") && method.equals("GET") && verb.equals("getRouterStatus")) {
                return ok(families.routerStatus.routerStatus(g, res));
            }
        }
        throw unknownPath(path);
    }

    // ================================================================= insert / delete dispatch

    Reply insert(GcpState g, String project, String scopeType, String scope, String coll, Map<String, String> q, ObjectNode body) {
        Operation prior = families.operations.priorRequest(g, project, q);
        if (prior != null) {
            return ok(families.operations.operationJson(g, prior));
        }
        String name = body.path("name").asText(null);
        if (name == null || name.isEmpty()) {
            throw GceException.required("resource.name");
        }
        if (!NAME.matcher(name).matches()) {
            throw GceException.invalid("resource.name", name, "Must be a match of regex '(?:[a-z](?:[-a-z0-9]{0,61}[a-z0-9])?)'");
        }
        String path = GcpState.scopePath(project, scopeType, scope) + "/" + coll + "/" + name;
        if (g.get(path) != null) {
            throw GceException.alreadyExists(path);
        }
        return switch (coll) {
            case "instances" -> families.instances.insertInstance(g, project, scope, name, path, q, body);
            case "vpnGateways" -> insertSimple(g, project, scopeType, scope, coll, name, q, families.vpn.vpnGatewayBody(g, project, scope, body));
            case "externalVpnGateways" -> insertSimple(g, project, scopeType, scope, coll, name, q, families.vpn.externalGatewayBody(body));
            case "vpnTunnels" -> families.vpn.insertTunnel(g, project, scope, name, q, body);
            case "routers" -> insertSimple(g, project, scopeType, scope, coll, name, q, families.vpn.routerBody(g, project, scope, name, body));
            case "firewalls" -> insertSimple(g, project, scopeType, scope, coll, name, q, families.networks.firewallBody(g, project, body));
            case "networks" -> insertSimple(g, project, scopeType, scope, coll, name, q, families.networks.networkBody(body));
            case "subnetworks" -> families.networks.insertSubnetwork(g, project, scope, name, q, body);
            default -> throw unknownPath(path);
        };
    }

    Reply insertSimple(GcpState g, String project, String scopeType, String scope, String coll, String name,
                               Map<String, String> q, ObjectNode json) {
        long now = now();
        json.remove("name");
        json.remove("kind");
        json.remove("id");
        json.remove("selfLink");
        json.remove("creationTimestamp");
        json.remove("region");
        json.remove("zone");
        Resource r = g.create(coll, project, scopeType, scope, name, json, KIND.get(coll), now);
        world.events().record("gcp", scopeType.equals("regions") ? scope : null, coll + ".inserted", name);
        Operation op = families.operations.newOperation(g, project, scopeType, scope, "insert", r.path, r.id, 0, null);
        return families.operations.opReply(g, op, q);
    }

    Reply delete(GcpState g, Resource res, Map<String, String> q) {
        Operation prior = families.operations.priorRequest(g, res.project, q);
        if (prior != null) {
            return ok(families.operations.operationJson(g, prior));
        }
        if (res.collection.equals("instances")) {
            return families.instances.deleteInstance(g, res, q);
        }
        String inUse = families.refs.usedBy(g, res);
        if (inUse != null) {
            throw new GceException(400, "resourceInUseByAnotherResource", "The " + singular(res.collection) + " resource '" + res.path
                + "' is already being used by '" + inUse + "'");
        }
        g.remove(res);
        if (res.collection.equals("subnetworks")) {
            g.subnetPools.remove(res.path);
        }
        if (res.collection.equals("vpnGateways")) {
            for (JsonNode i : res.json.path("vpnInterfaces")) {
                g.publicIps.release(i.path("ipAddress").asText(null));
            }
        }
        world.events().record("gcp", res.scopeType.equals("regions") ? res.scope : null, res.collection + ".deleted", res.name);
        Operation op = families.operations.newOperation(g, res.project, res.scopeType, res.scope, "delete", res.path, res.id, 0, null);
        return families.operations.opReply(g, op, q);
    }

    ObjectNode render(GcpState g, Resource r) {
        if (r.collection.equals("instances")) {
            Object stagingAt = r.hidden.get("stagingAt");
            if (stagingAt != null && "PROVISIONING".equals(r.json.path("status").asText()) && now() >= (Long) stagingAt) {
                setStatus(r, "STAGING");
            }
        }
        if (r.collection.equals("vpnTunnels") && !r.json.has("status")) {
            world.advance();
        }
        return r.json;
    }
}
