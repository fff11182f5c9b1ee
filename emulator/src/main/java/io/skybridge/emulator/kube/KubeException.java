package io.skybridge.emulator.kube;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** An API error, rendered as a {@code v1.Status}. */
public final class KubeException extends RuntimeException {
    public final int code;
    public final String reason;
    public final String kind;
    public final String name;

    public KubeException(int code, String reason, String message, String kind, String name) {
        super(message);
        this.code = code;
        this.reason = reason;
        this.kind = kind;
        this.name = name;
    }

    public static KubeException notFound(ResourceType t, String name) {
        return new KubeException(404, "NotFound", t + " \"" + name + "\" not found", t.plural(), name);
    }

    public static KubeException alreadyExists(ResourceType t, String name) {
        return new KubeException(409, "AlreadyExists", t + " \"" + name + "\" already exists", t.plural(), name);
    }

    public static KubeException conflict(ResourceType t, String name, String why) {
        return new KubeException(409, "Conflict", "Operation cannot be fulfilled on " + t + " \"" + name + "\": " + why, t.plural(), name);
    }

    public static KubeException invalid(ResourceType t, String name, String why) {
        return new KubeException(422, "Invalid", t.kind() + " \"" + name + "\" is invalid: " + why, t.plural(), name);
    }

    public static KubeException badRequest(String why) {
        return new KubeException(400, "BadRequest", why, null, null);
    }

    public ObjectNode toStatus() {
        ObjectNode s = Json.object();
        s.put("kind", "Status").put("apiVersion", "v1");
        s.putObject("metadata");
        s.put("status", "Failure").put("message", getMessage()).put("reason", reason);
        if (name != null || kind != null) {
            ObjectNode d = s.putObject("details");
            if (name != null) {
                d.put("name", name);
            }
            if (kind != null) {
                d.put("kind", kind);
            }
        }
        s.put("code", code);
        return s;
    }
}
