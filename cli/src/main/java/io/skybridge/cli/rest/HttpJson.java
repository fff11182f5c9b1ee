package io.skybridge.cli.rest;

import com.fasterxml.jackson.databind.JsonNode;
import io.skybridge.contracts.ContractJson;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** Small JSON-over-HTTP client for the services' REST APIs and the emulator's control API. */
public final class HttpJson {
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();

    /** One answer: the status and the parsed body (null when empty or not JSON). */
    public record Reply(int status, JsonNode body, String raw) {
        public boolean ok() {
            return status >= 200 && status < 300;
        }
    }

    public Reply get(String url) throws IOException {
        return send(HttpRequest.newBuilder(URI.create(url)).GET());
    }

    public Reply post(String url, String json) throws IOException {
        return send(HttpRequest.newBuilder(URI.create(url)).header("content-type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)));
    }

    public Reply delete(String url) throws IOException {
        return send(HttpRequest.newBuilder(URI.create(url)).DELETE());
    }

    private Reply send(HttpRequest.Builder builder) throws IOException {
        HttpRequest request = builder.timeout(Duration.ofSeconds(10)).build();
        try {
            HttpResponse<String> r = client.send(request, HttpResponse.BodyHandlers.ofString());
            return new Reply(r.statusCode(), parse(r.body()), r.body());
        } catch (java.net.ConnectException e) {
            throw new IOException("nothing answers at " + request.uri() + " (is it running? `skybridge up`)", e);
        } catch (java.net.http.HttpTimeoutException e) {
            throw new IOException("no answer from " + request.uri() + " within 10 s", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }

    private static JsonNode parse(String body) {
        if (body == null || body.isBlank()) {
            return null;
        }
        try {
            return ContractJson.mapper().readTree(body);
        } catch (IOException e) {
            return null;
        }
    }
}
