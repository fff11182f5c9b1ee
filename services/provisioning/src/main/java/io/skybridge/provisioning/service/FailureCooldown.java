package io.skybridge.provisioning.service;

import io.skybridge.provisioning.config.ProvisioningConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * After a node of a pool failed, the periodic reconcile waits before it asks the cloud again (so a dark
 * cloud is not hammered and reported on every sweep); a new intent for the pool clears the wait.
 */
@ApplicationScoped
public class FailureCooldown {
    @Inject
    ProvisioningConfig config;

    private final Map<String, Instant> until = new ConcurrentHashMap<>();

    void failed(String poolId) {
        until.put(poolId, Instant.now().plus(config.saga().failureCooldown()));
    }

    public void clear(String poolId) {
        until.remove(poolId);
    }

    boolean coolingDown(String poolId) {
        Instant t = until.get(poolId);
        return t != null && t.isAfter(Instant.now());
    }
}
