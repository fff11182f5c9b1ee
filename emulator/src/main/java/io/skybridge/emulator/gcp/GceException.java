package io.skybridge.emulator.gcp;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** A Compute Engine API error: {@code {"error":{"code","message","errors":[{"message","domain","reason"}]}}}. */
public final class GceException extends RuntimeException {
    private final int code;
    private final String reason;
    private final String domain;

    public GceException(int code, String reason, String message) {
        this(code, reason, "global", message);
    }

    public GceException(int code, String reason, String domain, String message) {
        super(message, null, false, false);
        this.code = code;
        this.reason = reason;
        this.domain = domain;
    }

    public static GceException notFound(String path) {
        return new GceException(404, "notFound", "The resource '" + path + "' was not found");
    }

    public static GceException alreadyExists(String path) {
        return new GceException(409, "alreadyExists", "The resource '" + path + "' already exists");
    }

    public static GceException invalid(String field, String value, String why) {
        return new GceException(400, "invalid", "Invalid value for field '" + field + "': '" + (value == null ? "" : value) + "'. " + why);
    }

    public static GceException required(String field) {
        return new GceException(400, "required", "Required field '" + field + "' not specified");
    }

    public static GceException badRequest(String message) {
        return new GceException(400, "badRequest", message);
    }

    public int code() {
        return code;
    }

    public String reason() {
        return reason;
    }

    public ObjectNode toJson() {
        return render(code, reason, domain, getMessage());
    }

    public static ObjectNode render(int code, String reason, String domain, String message) {
        JsonNodeFactory f = JsonNodeFactory.instance;
        ObjectNode root = f.objectNode();
        ObjectNode err = root.putObject("error");
        err.put("code", code).put("message", message);
        err.putArray("errors").addObject().put("message", message).put("domain", domain).put("reason", reason);
        return root;
    }
}
