package io.skybridge.contracts;

/**
 * One message of the catalogue: its Java record, its domain and name, its schema version, and the
 * topic it travels on.
 */
public record MessageType(
        Class<? extends SkybridgeMessage> javaType,
        String domain,
        String name,
        int version,
        MessageKind kind,
        String topic) {

    /** {@code io.skybridge.<domain>.<Name>.v<N>}. */
    public String ceType() {
        return "io.skybridge." + domain + "." + name + ".v" + version;
    }

    /** The schema file, relative to the contracts module root (and to {@code skybridge-contracts/} in the jar). */
    public String schemaPath() {
        return "schemas/" + domain + "/" + name + ".v" + version + ".json";
    }
}
