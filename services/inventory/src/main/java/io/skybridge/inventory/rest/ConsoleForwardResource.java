package io.skybridge.inventory.rest;

import io.skybridge.inventory.config.ConsoleConfig;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Set;

/**
 * The other services' REST APIs under the console's origin ({@code /console/api/<service>/<path>} →
 * {@code skybridge.console.services.<service>}), so that the browser talks to one address. Reads only, but for
 * {@code POST /console/api/failover/drills} (a dry-run drill: it touches nothing).
 */
@Path("/console/api")
public class ConsoleForwardResource {
    static final Set<String> SERVICES = Set.of("failover", "provisioning", "networking");
    private static final String SAFE_PATH = "[A-Za-z0-9._~/-]+";

    @Inject
    ConsoleConfig config;

    @Context
    UriInfo uri;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(java.time.Duration.ofSeconds(3)).build();

    @GET
    @Path("/{service:failover|provisioning|networking}/{path:.+}")
    public Uni<Response> get(@PathParam("service") String service, @PathParam("path") String path) {
        return forward(service, path, HttpRequest.newBuilder().GET());
    }

    @POST
    @Path("/failover/drills")
    @Consumes(MediaType.APPLICATION_JSON)
    public Uni<Response> drill(String body) {
        return forward("failover", "drills", HttpRequest.newBuilder()
                .header("Content-Type", MediaType.APPLICATION_JSON)
                .header("X-Skybridge-Principal", "console")
                .POST(HttpRequest.BodyPublishers.ofString(body == null ? "" : body)));
    }

    private Uni<Response> forward(String service, String path, HttpRequest.Builder request) {
        String base = config.services().get(service);
        if (base == null || base.isBlank()) {
            return Uni.createFrom().item(ConsoleFeedResource.problem(503, "Service not configured",
                    "skybridge.console.services." + service + " is not set"));
        }
        if (!path.matches(SAFE_PATH) || path.contains("..")) {
            return Uni.createFrom().item(ConsoleFeedResource.problem(400, "Invalid path", "not forwarded: " + path));
        }
        String query = uri.getRequestUri().getRawQuery();
        URI target = URI.create(base.replaceAll("/+$", "") + "/" + path + (query == null ? "" : "?" + query));
        HttpRequest built = request.uri(target).timeout(config.forwardTimeout()).header("Accept", MediaType.APPLICATION_JSON)
                .build();
        return Uni.createFrom().completionStage(() -> http.sendAsync(built, HttpResponse.BodyHandlers.ofByteArray()))
                .map(r -> Response.status(r.statusCode())
                        .type(r.headers().firstValue("Content-Type").orElse(MediaType.APPLICATION_JSON))
                        .entity(r.body()).build())
                .onFailure().recoverWithItem(e -> ConsoleFeedResource.problem(502, "Service unreachable",
                        service + " did not answer: " + e.getClass().getSimpleName()));
    }
}
