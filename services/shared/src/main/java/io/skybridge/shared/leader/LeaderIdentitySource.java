package io.skybridge.shared.leader;

import org.eclipse.microprofile.config.spi.ConfigSource;

import java.net.InetAddress;
import java.util.Map;
import java.util.Set;

/**
 * The default of {@code skybridge.leader.identity}: host name and pid, so that two replicas on one host
 * (the local stack) never share an identity. Ordinal 50: every other source overrides it
 * ({@code SKYBRIDGE_LEADER_IDENTITY}, in a cluster the pod name).
 */
public class LeaderIdentitySource implements ConfigSource {
    static final String KEY = "skybridge.leader.identity";
    private final String identity = host() + "-" + ProcessHandle.current().pid();

    private static String host() {
        String env = System.getenv("HOSTNAME");
        if (env != null && !env.isBlank()) {
            return env;
        }
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (Exception e) {
            return "localhost";
        }
    }

    @Override
    public Map<String, String> getProperties() {
        return Map.of(KEY, identity);
    }

    @Override
    public Set<String> getPropertyNames() {
        return Set.of(KEY);
    }

    @Override
    public String getValue(String propertyName) {
        return KEY.equals(propertyName) ? identity : null;
    }

    @Override
    public String getName() {
        return "skybridge-leader-identity";
    }

    @Override
    public int getOrdinal() {
        return 50;
    }
}
