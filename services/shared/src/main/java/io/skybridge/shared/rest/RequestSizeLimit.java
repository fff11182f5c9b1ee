package io.skybridge.shared.rest;

import io.skybridge.shared.config.MessagingConfig;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

/**
 * A REST intent may be no larger than a Kafka record ({@code skybridge.messaging.max-record-bytes}): a body that
 * announces more is refused before it is read, with 413 and a problem body. {@code quarkus.http.limits.max-body-size}
 * (the same figure) stops a chunked body that does not announce its length.
 */
@ApplicationScoped
public class RequestSizeLimit {

    @Inject
    MessagingConfig config;

    void install(@Observes Router router) {
        router.route().order(-100).handler(ctx -> {
            String length = ctx.request().getHeader("Content-Length");
            long announced;
            try {
                announced = length == null ? -1 : Long.parseLong(length.trim());
            } catch (NumberFormatException e) {
                announced = -1;
            }
            if (announced > config.maxRecordBytes()) {
                ctx.response().setStatusCode(413).putHeader("Content-Type", "application/problem+json")
                        .putHeader("Connection", "close")
                        .end(new JsonObject().put("title", "Request body too large").put("status", 413)
                                .put("detail", "body of " + announced + " bytes exceeds the limit of "
                                        + config.maxRecordBytes())
                                .put("violations", java.util.List.of("body larger than " + config.maxRecordBytes()
                                        + " bytes")).encode());
                return;
            }
            ctx.next();
        });
    }
}
