package io.skybridge.cli.rest;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.skybridge.contracts.ContractJson;

import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/** The emulator's control API (port 4570): outages. */
public final class EmulatorControl {
    private final String baseUrl;
    private final HttpJson http = new HttpJson();

    public EmulatorControl(String baseUrl) {
        this.baseUrl = baseUrl;
    }

    public void blackout(String cloud, String region, String mode) throws IOException {
        ObjectNode body = ContractJson.mapper().createObjectNode();
        body.put("cloud", cloud);
        if (region != null) {
            body.put("region", region);
        }
        body.put("mode", mode == null ? "unavailable" : mode);
        check(http.post(baseUrl + "/control/outages", body.toString()), "blackout " + cloud);
    }

    public void restore(String cloud, String region) throws IOException {
        String url = baseUrl + "/control/outages/" + URLEncoder.encode(cloud, StandardCharsets.UTF_8)
                + (region != null ? "?region=" + URLEncoder.encode(region, StandardCharsets.UTF_8) : "");
        check(http.delete(url), "restore " + cloud);
    }

    public boolean healthy() {
        try {
            return http.get(baseUrl + "/control/health").ok();
        } catch (IOException e) {
            return false;
        }
    }

    private static void check(HttpJson.Reply reply, String what) {
        if (!reply.ok()) {
            throw new IllegalStateException("emulator refused " + what + ": HTTP " + reply.status() + " " + reply.raw());
        }
    }
}
