package io.skybridge.contracts;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.skybridge.contracts.failover.OutageDeclarationRequested;
import io.skybridge.contracts.inventory.NodeObserved;
import io.skybridge.contracts.networking.NetworkLinkRequested;
import io.skybridge.contracts.provisioning.NodePoolScaleRequested;
import io.skybridge.contracts.provisioning.NodeProvisioningFailed;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ContractValidatorTest {

    private static ObjectNode example(MessageType type) {
        return (ObjectNode) ContractJson.mapper().valueToTree(ContractFiles.example(type).path("payload"));
    }

    private static void assertViolation(MessageType type, ObjectNode payload, String fragment) {
        List<String> violations = ContractValidator.validate(type, payload);
        assertFalse(violations.isEmpty(), "expected a violation for " + payload);
        assertTrue(violations.stream().anyMatch(v -> v.contains(fragment)),
                "no violation mentions '" + fragment + "': " + violations);
    }

    @Test
    void shouldReportAMissingRequiredField() {
        MessageType type = MessageCatalog.of(NetworkLinkRequested.class);
        ObjectNode payload = example(type);
        payload.remove("linkId");
        assertViolation(type, payload, "linkId");
    }

    @Test
    void shouldReportAValueOutsideItsEnum() {
        MessageType type = MessageCatalog.of(NodePoolScaleRequested.class);
        ObjectNode payload = example(type);
        payload.put("cloud", "azure");
        assertViolation(type, payload, "$.cloud");

        MessageType failed = MessageCatalog.of(NodeProvisioningFailed.class);
        ObjectNode event = example(failed);
        event.put("reason", "OUT_OF_LUCK");
        assertViolation(failed, event, "$.reason");
    }

    @Test
    void shouldReportAMalformedCidrInANestedObject() {
        MessageType type = MessageCatalog.of(NetworkLinkRequested.class);
        ObjectNode payload = example(type);
        ((ObjectNode) payload.get("gcp")).put("cidr", "10.201.0.0/33");
        assertViolation(type, payload, "$.gcp.cidr");
    }

    @Test
    void shouldReportABoundViolationAndAWrongType() {
        MessageType type = MessageCatalog.of(NodePoolScaleRequested.class);
        ObjectNode payload = example(type);
        payload.put("desired", 5000);
        payload.put("min", "zero");
        assertViolation(type, payload, "$.desired");
        assertViolation(type, payload, "$.min");
    }

    @Test
    void shouldRefuseUnknownPropertiesOnIntentsButTolerateThemOnEvents() {
        MessageType intent = MessageCatalog.of(OutageDeclarationRequested.class);
        ObjectNode payload = example(intent);
        payload.put("severity", "high");
        assertViolation(intent, payload, "severity");

        MessageType event = MessageCatalog.of(NodeObserved.class);
        ObjectNode observed = example(event);
        observed.put("addedInALaterMinorVersion", true);
        assertEquals(List.of(), ContractValidator.validate(event, observed));
    }

    @Test
    void shouldAcceptExplicitNullsForOptionalFields() {
        MessageType type = MessageCatalog.of(NodePoolScaleRequested.class);
        ObjectNode payload = example(type);
        payload.putNull("image");
        payload.putNull("taints");
        payload.putNull("labels");
        assertEquals(List.of(), ContractValidator.validate(type, payload));
        payload.putNull("machineType");
        assertViolation(type, payload, "$.machineType");
    }
}
