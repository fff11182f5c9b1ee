package io.skybridge.cli.events;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.skybridge.contracts.ContractJson;
import io.skybridge.contracts.MessageCatalog;
import io.skybridge.contracts.failover.FailoverDrillRequested;
import io.skybridge.contracts.networking.NetworkLinkRequested;
import io.skybridge.contracts.provisioning.NodePoolScaleRequested;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

class TerminalRuleTest {
    static EventRecord event(String domain, String name) {
        return new EventRecord("skybridge." + domain + ".events", 0, 0, 0, "k",
                Map.of("ce_type", "io.skybridge." + domain + "." + name + ".v1", "ce_id", "e1", "ce_correlationid", "c"),
                ContractJson.mapper().createObjectNode());
    }

    @Test
    void linkEndsOnEstablishedOrFailed() {
        ObjectNode p = ContractJson.mapper().createObjectNode();
        TerminalRule rule = TerminalRule.forIntent(MessageCatalog.of(NetworkLinkRequested.class), p);
        assertEquals(Outcome.PENDING, rule.accept(event("networking", "IntentAccepted")));
        assertEquals(Outcome.PENDING, rule.accept(event("networking", "TunnelStatusChanged")));
        assertEquals(Outcome.SUCCEEDED, rule.accept(event("networking", "NetworkLinkEstablished")));
        assertEquals(Outcome.FAILED, TerminalRule.forIntent(MessageCatalog.of(NetworkLinkRequested.class), p)
                .accept(event("networking", "NetworkLinkFailed")));
    }

    @Test
    void rejectionEndsEveryStory() {
        TerminalRule rule = TerminalRule.forIntent(MessageCatalog.of(FailoverDrillRequested.class),
                ContractJson.mapper().createObjectNode().put("dryRun", true));
        assertEquals(Outcome.FAILED, rule.accept(event("failover", "IntentRejected")));
    }

    @Test
    void poolScaleEndsWhenEveryDesiredNodeHasAnOutcome() {
        TerminalRule rule = TerminalRule.forIntent(MessageCatalog.of(NodePoolScaleRequested.class),
                ContractJson.mapper().createObjectNode().put("desired", 3));
        assertEquals(Outcome.PENDING, rule.accept(event("provisioning", "NodeProvisioned")));
        assertEquals(Outcome.PENDING, rule.accept(event("provisioning", "NodeJoined")));
        assertEquals(Outcome.PENDING, rule.accept(event("provisioning", "NodeJoined")));
        assertEquals(Outcome.SUCCEEDED, rule.accept(event("provisioning", "NodeJoined")));

        TerminalRule failing = TerminalRule.forIntent(MessageCatalog.of(NodePoolScaleRequested.class),
                ContractJson.mapper().createObjectNode().put("desired", 2));
        assertEquals(Outcome.PENDING, failing.accept(event("provisioning", "NodeProvisioningFailed")));
        assertEquals(Outcome.FAILED, failing.accept(event("provisioning", "NodeJoined")));
    }

    @Test
    void drillEndsOnThePlan() {
        TerminalRule rule = TerminalRule.forIntent(MessageCatalog.of(FailoverDrillRequested.class),
                ContractJson.mapper().createObjectNode().put("dryRun", true));
        assertEquals(Outcome.PENDING, rule.accept(event("failover", "IntentAccepted")));
        assertEquals(Outcome.SUCCEEDED, rule.accept(event("failover", "FailoverPlanComputed")));
    }
}
