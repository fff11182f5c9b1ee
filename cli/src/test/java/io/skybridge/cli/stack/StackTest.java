package io.skybridge.cli.stack;

import io.skybridge.cli.Ports;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class StackTest {

    @Test
    void onlySelectsPartsInStartOrder() {
        assertEquals(List.of("kafka", "postgres", "emulator", "inventory", "networking", "provisioning", "failover"), Stack.select(List.of()));
        assertEquals(List.of("kafka", "emulator", "failover"), Stack.select(List.of("failover,emulator", "kafka")));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Stack.select(List.of("redis")));
        assertTrue(e.getMessage().contains("kafka,postgres,emulator"), e.getMessage());
    }

    @Test
    void replicasAreNamedAndPortedAfterTheirService(@TempDir Path home) {
        assertEquals(List.of("kafka", "postgres", "emulator", "inventory", "networking", "provisioning", "failover",
                "inventory-2", "networking-2", "provisioning-2", "failover-2"), Stack.select(List.of(), 2));
        assertEquals(List.of("failover", "failover-2"), Stack.select(List.of("failover-2,failover")));
        StackContext ctx = new StackContext(new StateDir(home), new Ports(0), new Installation(home));
        ServiceComponent second = (ServiceComponent) Stack.component("failover-2");
        assertEquals("failover", second.service());
        assertEquals("http://127.0.0.1:8084", ((ServiceComponent) Stack.component("failover")).url(ctx));
        assertEquals("http://127.0.0.1:8094", second.url(ctx));
        Map<String, String> env = second.environment(ctx);
        assertEquals("8094", env.get("QUARKUS_HTTP_PORT"));
        assertEquals("failover-2", env.get("SKYBRIDGE_LEADER_IDENTITY"), "each replica its own identity in the Lease");
        assertThrows(IllegalArgumentException.class, () -> Stack.component("failover-4"));
        assertThrows(IllegalArgumentException.class, () -> Stack.component("redis-2"));
    }

    @Test
    void brokerIsASingleCombinedKraftNodeWithReplicationFactorOne(@TempDir Path home) {
        StackContext ctx = new StackContext(new StateDir(home), new Ports(100), new Installation(home));
        String props = KafkaComponent.serverProperties(ctx);
        assertTrue(props.contains("process.roles=broker,controller"));
        assertTrue(props.contains("listeners=PLAINTEXT://127.0.0.1:9192,CONTROLLER://127.0.0.1:9193"));
        assertTrue(props.contains("offsets.topic.replication.factor=1"));
        assertTrue(props.contains("transaction.state.log.replication.factor=1"));
        assertTrue(props.contains("group.initial.rebalance.delay.ms=0"));
        assertTrue(props.contains("log.dirs=" + home.resolve("data/kafka")));
    }

    @Test
    void servicesRunTheProdProfileAgainstTheLocalStack(@TempDir Path home) {
        StackContext ctx = new StackContext(new StateDir(home), new Ports(0), new Installation(home));
        Map<String, String> env = new ServiceComponent("provisioning").environment(ctx);
        assertEquals("8083", env.get("QUARKUS_HTTP_PORT"));
        assertEquals("127.0.0.1:9092", env.get("KAFKA_BOOTSTRAP_SERVERS"));
        assertEquals("jdbc:postgresql://127.0.0.1:5433/skybridge", env.get("SKYBRIDGE_DB_JDBC_URL"));
        assertEquals("postgresql://127.0.0.1:5433/skybridge", env.get("SKYBRIDGE_DB_URL"));
        assertEquals("http://127.0.0.1:4566", env.get("SKYBRIDGE_CLOUD_AWS_ENDPOINT"));
        assertEquals("http://127.0.0.1:4567", env.get("SKYBRIDGE_CLOUD_GCP_ENDPOINT"));
        assertEquals("none", env.get("SKYBRIDGE_CLOUD_GCP_CREDENTIALS"));
        assertEquals("http://127.0.0.1:6443", env.get("QUARKUS_KUBERNETES_CLIENT_API_SERVER_URL"));
        assertTrue(new ServiceComponent("failover").environment(ctx).get("SKYBRIDGE_OBSERVER_LOCATION")
                .compareTo(new ServiceComponent("networking").environment(ctx).get("SKYBRIDGE_OBSERVER_LOCATION")) != 0,
                "two observer locations, so the detection quorum can be met");
    }

    @Test
    void pidFilesRoundTrip(@TempDir Path home) {
        StateDir state = new StateDir(home);
        state.writePid("kafka", 4242);
        assertEquals(4242L, state.pid("kafka").orElseThrow());
        state.removePid("kafka");
        assertTrue(state.pid("kafka").isEmpty());
        assertTrue(new ProcessSupervisor(state).running("kafka").isEmpty());
    }
}
