package io.skybridge.contracts;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import org.junit.jupiter.api.Named;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/** Test access to the files of the contracts module: schemas, AsyncAPI document, compiled records. */
final class ContractFiles {
    private static final Comparator<JsonNode> NUMBERS_BY_VALUE = (a, b) -> {
        if (a.isNumber() && b.isNumber()) {
            return a.decimalValue().compareTo(b.decimalValue());
        }
        return a.equals(b) ? 0 : 1;
    };
    private static JsonNode asyncApi;

    private ContractFiles() {
    }

    /** The catalogue as parameterized-test arguments named by ce_type. */
    static Stream<Named<MessageType>> catalogue() {
        return MessageCatalog.all().stream().map(t -> Named.of(t.ceType(), t));
    }

    static Path moduleDir() {
        return Path.of(System.getProperty("basedir", ".")).toAbsolutePath();
    }

    static synchronized JsonNode asyncApi() {
        if (asyncApi == null) {
            try {
                asyncApi = new YAMLMapper().readTree(moduleDir().resolve("asyncapi.yaml").toFile());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return asyncApi;
    }

    /** The key of a message under {@code components.messages}: the ce_type without {@code io.skybridge.}. */
    static String messageKey(MessageType type) {
        return type.ceType().substring("io.skybridge.".length());
    }

    static JsonNode asyncApiMessage(MessageType type) {
        return asyncApi().path("components").path("messages").path(messageKey(type));
    }

    static JsonNode example(MessageType type) {
        return asyncApiMessage(type).path("examples").path(0);
    }

    static JsonNode readJson(Path file) {
        try {
            return ContractJson.mapper().readTree(file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static List<Path> jsonFilesUnder(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(p -> p.toString().endsWith(".json")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** JSON equality where 7 (int) equals 7 (long) and field order does not matter. */
    static boolean sameJson(JsonNode a, JsonNode b) {
        return a.equals(NUMBERS_BY_VALUE, b);
    }

    /** A copy without null-valued object fields (absent and null mean the same to every consumer). */
    static JsonNode withoutNulls(JsonNode node) {
        if (node.isObject()) {
            ObjectNode copy = ContractJson.mapper().createObjectNode();
            node.properties().forEach(e -> {
                if (!e.getValue().isNull()) {
                    copy.set(e.getKey(), withoutNulls(e.getValue()));
                }
            });
            return copy;
        }
        if (node.isArray()) {
            ArrayNode copy = ContractJson.mapper().createArrayNode();
            node.forEach(n -> copy.add(withoutNulls(n)));
            return copy;
        }
        return node;
    }

    /** Every concrete record implementing {@link SkybridgeMessage} compiled into target/classes. */
    static List<Class<?>> compiledMessageRecords() {
        Path classes;
        try {
            classes = Path.of(SkybridgeMessage.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
        try (Stream<Path> files = Files.walk(classes)) {
            return files.filter(p -> p.toString().endsWith(".class") && !p.getFileName().toString().contains("$"))
                    .map(p -> classes.relativize(p).toString().replace('/', '.').replace(".class", ""))
                    .map(ContractFiles::load)
                    .filter(c -> c.isRecord() && SkybridgeMessage.class.isAssignableFrom(c))
                    .sorted(Comparator.comparing(Class::getName))
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Class<?> load(String name) {
        try {
            return Class.forName(name, false, ContractFiles.class.getClassLoader());
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException(e);
        }
    }
}
