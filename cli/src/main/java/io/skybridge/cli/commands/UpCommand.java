package io.skybridge.cli.commands;

import io.skybridge.cli.Console;
import io.skybridge.cli.ExitCodes;
import io.skybridge.cli.GlobalOptions;
import io.skybridge.cli.stack.Installation;
import io.skybridge.cli.stack.ServiceComponent;
import io.skybridge.cli.stack.Stack;
import io.skybridge.cli.stack.StackContext;
import io.skybridge.cli.stack.StateDir;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

@Command(name = "up", mixinStandardHelpOptions = true,
        description = {"Start the local stack, each part a separate process with its own port and log file:",
                "a Kafka broker (KRaft), PostgreSQL, the emulator (EC2, Compute Engine, Kubernetes) and the four services.",
                "Waits for each to be ready, then prints where everything listens. Data is kept in the state directory."})
public class UpCommand implements Callable<Integer> {
    @Mixin
    GlobalOptions global;

    @Option(names = "--only", paramLabel = "PARTS", split = ",",
            description = "start only these parts: kafka, postgres, emulator, inventory, networking, provisioning, failover")
    List<String> only = new ArrayList<>();

    @Option(names = "--replicas", paramLabel = "N", defaultValue = "1",
            description = "replicas of each service (1 to 3; replica n listens 10 × (n − 1) ports above the service's port)")
    int replicas;

    @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "240", description = "readiness timeout per stage (default 240)")
    int timeoutSeconds;

    @Override
    public Integer call() {
        Console console = Console.system();
        try {
            if (replicas < 1 || replicas > ServiceComponent.MAX_REPLICAS) {
                throw new IllegalArgumentException("--replicas " + replicas + ": 1 to " + ServiceComponent.MAX_REPLICAS);
            }
            List<String> parts = Stack.select(only, replicas);
            Stack stack = new Stack(context(global), console);
            console.println("starting " + String.join(", ", parts) + " (state " + global.home() + ")");
            stack.up(parts, Duration.ofSeconds(timeoutSeconds));
            console.println("Skybridge is up:");
            stack.printEndpoints(parts);
            if (parts.contains("inventory")) {
                console.println("  console       " + io.skybridge.cli.stack.ServiceComponent.consoleUrl(context(global)));
            }
            return ExitCodes.OK;
        } catch (IllegalArgumentException e) {
            console.error("✗ " + e.getMessage());
            return ExitCodes.INVALID;
        } catch (Exception e) {
            console.error("✗ " + e.getMessage());
            return ExitCodes.FAILED;
        }
    }

    static StackContext context(GlobalOptions global) {
        return new StackContext(new StateDir(global.home()), global.ports(), Installation.detect());
    }
}
