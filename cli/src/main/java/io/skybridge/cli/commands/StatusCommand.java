package io.skybridge.cli.commands;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.skybridge.cli.Console;
import io.skybridge.cli.Console.Colour;
import io.skybridge.cli.ExitCodes;
import io.skybridge.cli.GlobalOptions;
import io.skybridge.cli.events.EventFormatter;
import io.skybridge.cli.rest.HttpJson;
import io.skybridge.contracts.ContractJson;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.Callable;

@Command(name = "status", mixinStandardHelpOptions = true,
        description = "Clouds, links, pools, nodes per cloud, workload placement and open incidents, from the services' REST APIs.")
public class StatusCommand implements Callable<Integer> {
    /** One section of the report: which service, which path. */
    record Section(String title, String service, String path) {
    }

    static final List<Section> SECTIONS = List.of(
            new Section("clouds", "inventory", "/clouds"),
            new Section("links", "networking", "/links"),
            new Section("pools", "provisioning", "/pools"),
            new Section("nodes", "inventory", "/nodes"),
            new Section("placement", "inventory", "/placement"),
            new Section("open incidents", "failover", "/incidents"));

    @Mixin
    GlobalOptions global;

    @Override
    public Integer call() {
        Console console = Console.system();
        HttpJson http = new HttpJson();
        ObjectNode all = ContractJson.mapper().createObjectNode();
        boolean allUp = true;
        for (Section s : SECTIONS) {
            String url = global.serviceUrl(s.service()) + s.path();
            JsonNode body;
            try {
                HttpJson.Reply reply = http.get(url);
                body = reply.ok() ? reply.body() : ContractJson.mapper().createObjectNode().put("error", "HTTP " + reply.status());
                allUp &= reply.ok();
            } catch (IOException e) {
                body = ContractJson.mapper().createObjectNode().put("error", s.service() + " unreachable at " + url);
                allUp = false;
            }
            if (s.path().equals("/incidents") && body != null && body.isArray()) {
                body = openOnly(body);
            }
            all.set(s.title().replace(' ', '_'), body);
            if (!global.json()) {
                printSection(console, s, body);
            }
        }
        if (global.json()) {
            console.println(all.toPrettyString());
        }
        return allUp ? ExitCodes.OK : ExitCodes.FAILED;
    }

    /** Incidents still open (not CLEARED). */
    static JsonNode openOnly(JsonNode incidents) {
        var open = ContractJson.mapper().createArrayNode();
        incidents.forEach(i -> {
            if (!"CLEARED".equals(i.path("state").asText())) {
                open.add(i);
            }
        });
        return open;
    }

    private static void printSection(Console console, Section s, JsonNode body) {
        console.println(console.paint(Colour.BOLD, s.title()) + console.paint(Colour.DIM, "  (" + s.service() + " " + s.path() + ")"));
        if (body == null) {
            console.println("  -");
        } else if (body.has("error")) {
            console.println("  " + console.paint(Colour.RED, body.get("error").asText()));
        } else if (body.isArray()) {
            if (body.isEmpty()) {
                console.println("  (none)");
            }
            body.forEach(item -> console.println("  " + line(item)));
        } else {
            console.println("  " + line(body));
        }
    }

    /** An element as one line: its scalar fields, then its nested objects as {@code k={…}}. */
    static String line(JsonNode item) {
        StringBuilder b = new StringBuilder(EventFormatter.summary(item));
        item.fields().forEachRemaining(f -> {
            if (f.getValue().isObject()) {
                b.append(' ').append(f.getKey()).append('=').append(compact(f.getValue()));
            }
        });
        return b.toString();
    }

    private static String compact(JsonNode n) {
        String s = n.toString().replace("\"", "");
        return s.length() > 120 ? s.substring(0, 117) + "…" : s;
    }
}
