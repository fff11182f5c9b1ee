package io.skybridge.failover;

import io.quarkus.test.junit.QuarkusTestProfile;

import java.util.Map;

/** The failover service with failback policy {@code automatic}. */
public class AutomaticFailbackProfile implements QuarkusTestProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("skybridge.failover.failback.policy", "automatic");
    }
}
