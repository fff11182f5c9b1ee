package io.skybridge.cli.commands;

import io.skybridge.cli.Console;
import io.skybridge.cli.Console.Colour;
import io.skybridge.cli.ExitCodes;
import io.skybridge.cli.GlobalOptions;
import io.skybridge.cli.demo.DemoSettings;
import io.skybridge.cli.demo.DemoStory;
import io.skybridge.cli.stack.Stack;
import io.skybridge.cli.stack.StackContext;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.concurrent.Callable;
import java.util.stream.Stream;

@Command(name = "demo", mixinStandardHelpOptions = true,
        description = {"The cross-cloud story on the local stack (started with `up` if needed): link the AWS and GCP VPCs,",
                "a node pool per cloud, managed workloads over both, black out AWS, detection, plan, new GCP nodes,",
                "every workload moving, the timeline with the RTO, then restore AWS and fail back.",
                "Exit code 0 only if every step was seen on the status topics and in the cluster."})
public class DemoCommand implements Callable<Integer> {
    static final String MARKER = "demo-ran";

    @Mixin
    GlobalOptions global;

    @Option(names = "--reset", description = "stop the stack and delete its data first (a fresh estate)")
    boolean reset;

    @Option(names = "--replicas", paramLabel = "N", defaultValue = "1",
            description = "replicas of each service (1 to 3): the story with leader election between them")
    int replicas;

    @Option(names = "--step-timeout", paramLabel = "SECONDS", defaultValue = "180")
    int stepTimeout;

    @Option(names = "--detection-timeout", paramLabel = "SECONDS", defaultValue = "90")
    int detectionTimeout;

    @Option(names = "--failover-timeout", paramLabel = "SECONDS", defaultValue = "180")
    int failoverTimeout;

    @Override
    public Integer call() {
        Console console = Console.system();
        StackContext ctx = UpCommand.context(global);
        Stack stack = new Stack(ctx, console);
        try {
            if (reset) {
                console.println(console.paint(Colour.BOLD, "▶ Resetting the local stack"));
                stack.down();
                deleteData(ctx.state().root().resolve("data"));
                Files.deleteIfExists(ctx.state().root().resolve(MARKER));
            }
            if (Files.exists(ctx.state().root().resolve(MARKER))) {
                console.error("✗ the demo already ran on this stack (" + ctx.state().root() + "): run `skybridge demo --reset` for a fresh estate");
                return ExitCodes.INVALID;
            }
            console.println(console.paint(Colour.BOLD, "▶ Starting the local stack (separate processes; logs in " + ctx.state().logs() + ")"));
            if (replicas < 1 || replicas > io.skybridge.cli.stack.ServiceComponent.MAX_REPLICAS) {
                console.error("✗ --replicas " + replicas + ": 1 to " + io.skybridge.cli.stack.ServiceComponent.MAX_REPLICAS);
                return ExitCodes.INVALID;
            }
            stack.up(Stack.allNames(replicas), Duration.ofSeconds(300));
            Files.writeString(ctx.state().root().resolve(MARKER), java.time.Instant.now().toString());
            console.println(console.paint(Colour.BOLD, "▶ Console: " + io.skybridge.cli.stack.ServiceComponent.consoleUrl(ctx))
                    + "  (open it now: it follows the demo live)");
            DemoStory story = new DemoStory(settings(), console);
            boolean ok = story.run();
            long failed = story.log().steps().stream().filter(s -> !s.ok()).count();
            console.println("");
            console.println(ok ? console.paint(Colour.GREEN, "✓ demo complete: " + story.log().steps().size() + " steps checked in " + story.log().elapsed())
                    : console.paint(Colour.RED, "✗ demo failed: " + failed + " step(s) did not happen (logs in " + ctx.state().logs() + ")"));
            console.println("  the stack keeps running: skybridge status · skybridge watch · skybridge down");
            console.println("  console: " + io.skybridge.cli.stack.ServiceComponent.consoleUrl(ctx));
            return ok ? ExitCodes.OK : ExitCodes.FAILED;
        } catch (Exception e) {
            console.error("✗ " + e.getMessage());
            return ExitCodes.FAILED;
        }
    }

    DemoSettings settings() {
        return new DemoSettings(global.bootstrapServers(), global.kubeUrl(), global.emulatorUrl(), global.principal(),
                Duration.ofSeconds(stepTimeout), Duration.ofSeconds(detectionTimeout), Duration.ofSeconds(failoverTimeout));
    }

    private static void deleteData(Path data) throws IOException {
        if (!Files.exists(data)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(data)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
