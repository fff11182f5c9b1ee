package io.skybridge.emulator.gcp;

import io.skybridge.emulator.gcp.GceApi.Reply;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.skybridge.emulator.gcp.GcpState.Operation;
import io.skybridge.emulator.world.World;

import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;

/** Compute Engine operations: started by every mutation, looked up, listed, waited on; requestId idempotency. */
final class GceOperations extends GceFamily {
    GceOperations(World world) {
        super(world);
    }

    // ================================================================= operations

    Operation newOperation(GcpState g, String project, String scopeType, String scope, String type, String targetPath,
                                   long targetId, long delayMillis, Runnable onDone) {
        Operation op = new Operation();
        long now = now();
        op.name = "operation-" + now + "-" + UUID.randomUUID().toString().substring(0, 13).replace("-", "");
        op.path = GcpState.scopePath(project, scopeType, scope) + "/operations/" + op.name;
        op.id = g.newId();
        op.project = project;
        op.scopeType = scopeType;
        op.scope = scope;
        op.operationType = type;
        op.targetLink = g.url(targetPath);
        op.targetId = targetId;
        op.insertTime = now;
        op.startTime = now;
        op.doneAt = now + delayMillis;
        op.onDone = onDone;
        g.operations.put(op.path, op);
        g.addPending(op);
        return op;
    }

    Reply opReply(GcpState g, Operation op, Map<String, String> q) {
        String rid = q.get("requestId");
        if (rid != null && !rid.isEmpty()) {
            g.byRequestId.put(op.project + "/" + rid, op);
        }
        return ok(operationJson(g, op));
    }

    /** Returns the operation already started with this requestId, or null. */
    Operation priorRequest(GcpState g, String project, Map<String, String> q) {
        String rid = q.get("requestId");
        if (rid == null || rid.isEmpty()) {
            return null;
        }
        if (!UUID_RE.matcher(rid).matches() || rid.equals("00000000-0000-0000-0000-000000000000")) {
            throw GceException.invalid("requestId", rid, "The request ID must be a valid UUID with the exception that zero UUID is not supported.");
        }
        return g.byRequestId.get(project + "/" + rid);
    }

    ObjectNode operationJson(GcpState g, Operation op) {
        ObjectNode o = Json.object();
        o.put("kind", "compute#operation").put("id", Long.toUnsignedString(op.id)).put("name", op.name);
        if (op.scopeType.equals("zones")) {
            o.put("zone", g.url(GcpState.scopePath(op.project, "zones", op.scope)));
        } else if (op.scopeType.equals("regions")) {
            o.put("region", g.url(GcpState.scopePath(op.project, "regions", op.scope)));
        }
        o.put("operationType", op.operationType).put("targetLink", op.targetLink).put("targetId", Long.toUnsignedString(op.targetId))
            .put("status", op.done ? "DONE" : "RUNNING").put("user", "skybridge@emulator.iam.gserviceaccount.com")
            .put("progress", op.done ? 100 : 0).put("insertTime", Json.timestamp(op.insertTime)).put("startTime", Json.timestamp(op.startTime));
        if (op.done) {
            o.put("endTime", Json.timestamp(op.endTime));
            if (op.error != null) {
                o.set("error", op.error);
                if (op.httpErrorStatusCode != null) {
                    o.put("httpErrorStatusCode", op.httpErrorStatusCode).put("httpErrorMessage", op.httpErrorMessage);
                }
            }
        }
        o.put("selfLink", g.url(op.path));
        return o;
    }

    ObjectNode operationList(GcpState g, String scopePath, Map<String, String> q) {
        Predicate<JsonNode> filter = GceFilter.parse(q.get("filter"));
        ObjectNode out = Json.object();
        out.put("kind", "compute#operationList").put("id", scopePath + "/operations");
        ArrayNode items = out.putArray("items");
        for (Operation op : g.operations.values()) {
            if (op.path.startsWith(scopePath + "/operations/")) {
                ObjectNode o = operationJson(g, op);
                if (filter.test(o)) {
                    items.add(o);
                }
            }
        }
        out.put("selfLink", g.url(scopePath + "/operations"));
        return out;
    }
}
