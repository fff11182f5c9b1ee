package io.skybridge.emulator;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class MainTest {
    @Test
    void shouldReadPortsAndDelaysFromFlagsAndEnvironment() {
        EmulatorConfig c = Main.parse(new String[] {"--aws-port", "5000", "--gcp-port=5001", "--boot-delay", "250"},
            Map.of("SKYBRIDGE_EMULATOR_CONTROL_PORT", "5002", "SKYBRIDGE_EMULATOR_AWS_PORT", "1"));
        assertEquals(5000, c.awsPort);
        assertEquals(5001, c.gcpPort);
        assertEquals(5002, c.controlPort);
        assertEquals(Duration.ofMillis(250), c.bootDelay);
    }

    @Test
    void shouldLoadTheWorldFileNamedOnTheCommandLine(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("w.yaml");
        Files.writeString(f, io.skybridge.emulator.world.WorldSpecTestAccess.otherWorld());
        EmulatorConfig c = Main.parse(new String[] {"--world", f.toString()}, Map.of());
        assertEquals("other-proj", c.world.gcp.project);
    }

    @Test
    void shouldSwitchOnTheUpstreamNodeLifecycleFromAFlagOrTheEnvironment() {
        EmulatorConfig c = Main.parse(new String[] {"--kube-node-lifecycle", "upstream"}, Map.of());
        assertEquals(io.skybridge.emulator.kube.KubeConfig.NodeLifecycleMode.UPSTREAM, c.kube.nodeLifecycle);
        assertEquals(java.time.Duration.ofSeconds(50), c.kube.nodeMonitorGracePeriod);
        EmulatorConfig e = Main.parse(new String[0], Map.of("SKYBRIDGE_EMULATOR_KUBE_NODE_LIFECYCLE", "UPSTREAM"));
        assertEquals(io.skybridge.emulator.kube.KubeConfig.NodeLifecycleMode.UPSTREAM, e.kube.nodeLifecycle);
        assertEquals(io.skybridge.emulator.kube.KubeConfig.NodeLifecycleMode.SIMPLE, Main.parse(new String[0], Map.of()).kube.nodeLifecycle);
        assertThrows(IllegalArgumentException.class, () -> Main.parse(new String[] {"--kube-node-lifecycle", "karmada"}, Map.of()));
    }

    @Test
    void shouldRejectUnknownOptionsAndBadNumbers() {
        assertThrows(IllegalArgumentException.class, () -> Main.parse(new String[] {"--colour"}, Map.of()));
        assertThrows(IllegalArgumentException.class, () -> Main.parse(new String[] {"--aws-port", "http"}, Map.of()));
        assertThrows(IllegalArgumentException.class, () -> Main.parse(new String[] {"--aws-port"}, Map.of()));
        assertThrows(IllegalArgumentException.class, () -> Main.parse(new String[] {"--gcp-port", "70000"}, Map.of()));
    }
}
