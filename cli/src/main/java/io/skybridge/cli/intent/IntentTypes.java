package io.skybridge.cli.intent;

import io.skybridge.contracts.MessageCatalog;
import io.skybridge.contracts.MessageKind;
import io.skybridge.contracts.MessageType;

import java.util.List;

/** Finds an intent of the catalogue by its name ({@code NetworkLinkRequested}) or its full ce_type. */
public final class IntentTypes {
    private IntentTypes() {
    }

    public static List<MessageType> all() {
        return MessageCatalog.all().stream().filter(t -> t.kind() == MessageKind.INTENT).toList();
    }

    public static MessageType resolve(String name) {
        return all().stream()
                .filter(t -> t.name().equalsIgnoreCase(name) || t.ceType().equals(name))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown intent '" + name + "'. Intents: "
                        + String.join(", ", all().stream().map(MessageType::name).toList())));
    }
}
