package io.skybridge.contracts;

import io.skybridge.contracts.common.IntentAccepted;
import io.skybridge.contracts.common.IntentRejected;
import io.skybridge.contracts.failover.FailbackCompleted;
import io.skybridge.contracts.failover.FailbackRequested;
import io.skybridge.contracts.failover.FailoverCompleted;
import io.skybridge.contracts.failover.FailoverDrillRequested;
import io.skybridge.contracts.failover.FailoverFailed;
import io.skybridge.contracts.failover.FailoverPlanComputed;
import io.skybridge.contracts.failover.FailoverStarted;
import io.skybridge.contracts.failover.OutageClearanceRequested;
import io.skybridge.contracts.failover.OutageCleared;
import io.skybridge.contracts.failover.OutageDeclarationRequested;
import io.skybridge.contracts.failover.OutageDeclared;
import io.skybridge.contracts.failover.WorkloadMigrated;
import io.skybridge.contracts.health.CloudHealthObserved;
import io.skybridge.contracts.inventory.CapacityChanged;
import io.skybridge.contracts.inventory.CloudAccountRegistered;
import io.skybridge.contracts.inventory.CloudAccountRegistrationRequested;
import io.skybridge.contracts.inventory.DriftDetected;
import io.skybridge.contracts.inventory.NodeObserved;
import io.skybridge.contracts.inventory.WorkloadObserved;
import io.skybridge.contracts.networking.NetworkLinkDegraded;
import io.skybridge.contracts.networking.NetworkLinkEstablished;
import io.skybridge.contracts.networking.NetworkLinkFailed;
import io.skybridge.contracts.networking.NetworkLinkIsolated;
import io.skybridge.contracts.networking.NetworkLinkIsolationRequested;
import io.skybridge.contracts.networking.NetworkLinkRequested;
import io.skybridge.contracts.networking.NetworkLinkRestorationRequested;
import io.skybridge.contracts.networking.NetworkLinkRestored;
import io.skybridge.contracts.networking.NetworkLinkTeardownRequested;
import io.skybridge.contracts.networking.NetworkLinkTornDown;
import io.skybridge.contracts.networking.TunnelStatusChanged;
import io.skybridge.contracts.provisioning.NodeDecommissionRequested;
import io.skybridge.contracts.provisioning.NodeDecommissioned;
import io.skybridge.contracts.provisioning.NodeJoined;
import io.skybridge.contracts.provisioning.NodePoolScaleRequested;
import io.skybridge.contracts.provisioning.NodeProvisioned;
import io.skybridge.contracts.provisioning.NodeProvisioningFailed;
import io.skybridge.contracts.provisioning.NodeProvisioningStarted;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

import static io.skybridge.contracts.MessageKind.EVENT;
import static io.skybridge.contracts.MessageKind.INTENT;

/** Every message Skybridge sends, with its ce_type, topic and schema. */
public final class MessageCatalog {
    private static final List<MessageType> ALL;
    private static final Map<String, MessageType> BY_CE_TYPE;

    static {
        List<MessageType> all = new ArrayList<>();
        // Outcome of any intent, on the events topic of the service that owns the intents topic.
        for (String domain : Topics.SERVICE_DOMAINS) {
            all.add(event(IntentAccepted.class, domain));
            all.add(event(IntentRejected.class, domain));
        }
        // networking
        all.add(intent(NetworkLinkRequested.class, Topics.NETWORKING));
        all.add(intent(NetworkLinkTeardownRequested.class, Topics.NETWORKING));
        all.add(intent(NetworkLinkIsolationRequested.class, Topics.NETWORKING));
        all.add(intent(NetworkLinkRestorationRequested.class, Topics.NETWORKING));
        all.add(event(NetworkLinkEstablished.class, Topics.NETWORKING));
        all.add(event(NetworkLinkDegraded.class, Topics.NETWORKING));
        all.add(event(NetworkLinkFailed.class, Topics.NETWORKING));
        all.add(event(NetworkLinkTornDown.class, Topics.NETWORKING));
        all.add(event(NetworkLinkIsolated.class, Topics.NETWORKING));
        all.add(event(NetworkLinkRestored.class, Topics.NETWORKING));
        all.add(event(TunnelStatusChanged.class, Topics.NETWORKING));
        // health evidence, from every observer, on skybridge.health.observations
        all.add(event(CloudHealthObserved.class, Topics.HEALTH));
        // provisioning
        all.add(intent(NodePoolScaleRequested.class, Topics.PROVISIONING));
        all.add(intent(NodeDecommissionRequested.class, Topics.PROVISIONING));
        all.add(event(NodeProvisioningStarted.class, Topics.PROVISIONING));
        all.add(event(NodeProvisioned.class, Topics.PROVISIONING));
        all.add(event(NodeJoined.class, Topics.PROVISIONING));
        all.add(event(NodeProvisioningFailed.class, Topics.PROVISIONING));
        all.add(event(NodeDecommissioned.class, Topics.PROVISIONING));
        // failover
        all.add(intent(OutageDeclarationRequested.class, Topics.FAILOVER));
        all.add(intent(OutageClearanceRequested.class, Topics.FAILOVER));
        all.add(intent(FailoverDrillRequested.class, Topics.FAILOVER));
        all.add(intent(FailbackRequested.class, Topics.FAILOVER));
        all.add(event(OutageDeclared.class, Topics.FAILOVER));
        all.add(event(OutageCleared.class, Topics.FAILOVER));
        all.add(event(FailoverPlanComputed.class, Topics.FAILOVER));
        all.add(event(FailoverStarted.class, Topics.FAILOVER));
        all.add(event(WorkloadMigrated.class, Topics.FAILOVER));
        all.add(event(FailoverCompleted.class, Topics.FAILOVER));
        all.add(event(FailoverFailed.class, Topics.FAILOVER));
        all.add(event(FailbackCompleted.class, Topics.FAILOVER));
        // inventory
        all.add(intent(CloudAccountRegistrationRequested.class, Topics.INVENTORY));
        all.add(event(CloudAccountRegistered.class, Topics.INVENTORY));
        all.add(event(NodeObserved.class, Topics.INVENTORY));
        all.add(event(WorkloadObserved.class, Topics.INVENTORY));
        all.add(event(CapacityChanged.class, Topics.INVENTORY));
        all.add(event(DriftDetected.class, Topics.INVENTORY));

        ALL = List.copyOf(all);
        BY_CE_TYPE = ALL.stream().collect(Collectors.toUnmodifiableMap(MessageType::ceType, Function.identity()));
    }

    private MessageCatalog() {
    }

    public static List<MessageType> all() {
        return ALL;
    }

    public static Optional<MessageType> byCeType(String ceType) {
        return Optional.ofNullable(BY_CE_TYPE.get(ceType));
    }

    /** The type of a record as published by {@code domain}'s service (IntentRejected exists once per domain). */
    public static MessageType of(Class<? extends SkybridgeMessage> javaType, String domain) {
        return ALL.stream()
                .filter(t -> t.javaType().equals(javaType) && t.domain().equals(domain))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException(
                        "no message " + javaType.getSimpleName() + " in domain " + domain));
    }

    /** The type of a record published by exactly one domain. */
    public static MessageType of(Class<? extends SkybridgeMessage> javaType) {
        List<MessageType> matches = ALL.stream().filter(t -> t.javaType().equals(javaType)).toList();
        if (matches.size() != 1) {
            throw new IllegalArgumentException(javaType.getSimpleName() + " is published by "
                    + matches.size() + " domains: name the domain");
        }
        return matches.get(0);
    }

    /** The intents accepted on a topic (e.g. {@code skybridge.networking.intents}). */
    public static List<MessageType> onTopic(String topic) {
        return ALL.stream().filter(t -> t.topic().equals(topic)).toList();
    }

    private static MessageType intent(Class<? extends SkybridgeMessage> type, String domain) {
        return new MessageType(type, domain, type.getSimpleName(), 1, INTENT, Topics.intents(domain));
    }

    private static MessageType event(Class<? extends SkybridgeMessage> type, String domain) {
        String topic = Topics.HEALTH.equals(domain) ? Topics.HEALTH_OBSERVATIONS : Topics.events(domain);
        return new MessageType(type, domain, type.getSimpleName(), 1, EVENT, topic);
    }
}
