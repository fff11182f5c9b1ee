package io.skybridge.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The shipped Grafana dashboard and PrometheusRule are well formed: every panel queries Prometheus through the
 * dashboard's datasource variable, every alert has an expression, a severity and a summary. (That every metric
 * they name is really exposed is checked by each service's intent contract test against its /q/metrics.)
 */
class MonitoringTest {

    @Test
    void the_dashboard_queries_prometheus_through_its_datasource_variable_in_every_panel() throws Exception {
        JsonNode dash = new ObjectMapper().readTree(Repo.read("deploy/monitoring/grafana/skybridge-overview.json"));
        assertEquals("skybridge-overview", dash.path("uid").asText());
        Set<String> variables = new HashSet<>();
        dash.path("templating").path("list").forEach(v -> variables.add(v.path("name").asText()));
        assertEquals(Set.of("datasource", "service"), variables);
        assertTrue(dash.path("panels").size() >= 8, "panels: " + dash.path("panels").size());
        Set<Integer> ids = new HashSet<>();
        for (JsonNode panel : dash.path("panels")) {
            String title = panel.path("title").asText();
            assertTrue(ids.add(panel.path("id").asInt()), "panel ids are unique: " + title);
            assertEquals("${datasource}", panel.path("datasource").path("uid").asText(), title);
            assertFalse(panel.path("description").asText().isBlank(), "says what it shows: " + title);
            assertTrue(panel.path("targets").size() > 0, title);
            for (JsonNode target : panel.path("targets")) {
                String expr = target.path("expr").asText();
                assertTrue(balanced(expr), title + ": " + expr);
                assertTrue(expr.contains("job=~\"$service\""), "filtered by the service variable: " + expr);
            }
        }
    }

    @Test
    void every_alert_has_an_expression_a_severity_and_a_summary() throws Exception {
        JsonNode rules = Repo.YAML.readTree(Repo.read("deploy/monitoring/prometheus-rules.yaml"));
        assertEquals("monitoring.coreos.com/v1", rules.path("apiVersion").asText());
        assertEquals("PrometheusRule", rules.path("kind").asText());
        Set<String> names = new HashSet<>();
        for (JsonNode group : rules.path("spec").path("groups")) {
            for (JsonNode rule : group.path("rules")) {
                String alert = rule.path("alert").asText();
                assertTrue(alert.startsWith("Skybridge") && names.add(alert), "named once: " + alert);
                assertTrue(balanced(rule.path("expr").asText()), alert);
                assertTrue(List.of("critical", "warning", "info").contains(rule.path("labels").path("severity").asText()), alert);
                assertFalse(rule.path("annotations").path("summary").asText().isBlank(), alert);
                assertFalse(rule.path("annotations").path("description").asText().isBlank(), alert);
            }
        }
        assertTrue(names.containsAll(Set.of("SkybridgeLoopWithoutLeader", "SkybridgeOutboxLagHigh", "SkybridgeConsumerLagHigh",
                "SkybridgeDeadLetters")), names.toString());
    }

    private static boolean balanced(String expr) {
        int depth = 0;
        for (char c : expr.toCharArray()) {
            depth += c == '(' || c == '{' || c == '[' ? 1 : c == ')' || c == '}' || c == ']' ? -1 : 0;
            if (depth < 0) {
                return false;
            }
        }
        return depth == 0 && !expr.isBlank();
    }
}
