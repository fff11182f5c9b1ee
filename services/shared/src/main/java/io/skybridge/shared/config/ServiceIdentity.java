package io.skybridge.shared.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;

/** Who this service is on the bus. */
@ConfigMapping(prefix = "skybridge.service")
public interface ServiceIdentity {
    /** The service's domain: networking, provisioning, failover or inventory. */
    String domain();

    /** CloudEvents {@code source} of everything this service publishes. */
    @WithDefault("skybridge://${skybridge.service.domain}")
    String source();

    /** The principal stamped on messages the service originates itself (not caused by an intent). */
    @WithName("principal")
    @WithDefault("service:${skybridge.service.domain}")
    String principal();
}
