package io.skybridge.cli.stack;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Starts components as detached processes (own session via setsid when available, output appended
 * to their log file, pid in a pid file) and stops them by pid — only a process whose command line
 * carries {@code -Dskybridge.component=<name>}, so a recycled pid is never killed.
 */
public final class ProcessSupervisor {
    private static final Path SETSID = Path.of("/usr/bin/setsid");
    private final StateDir state;

    public ProcessSupervisor(StateDir state) {
        this.state = state;
    }

    public Optional<ProcessHandle> running(String component) {
        return state.pid(component).flatMap(ProcessHandle::of).filter(ProcessHandle::isAlive)
                .filter(h -> h.info().commandLine().map(c -> c.contains("-Dskybridge.component=" + component)).orElse(true));
    }

    public ProcessHandle start(Component c, StackContext ctx) throws IOException {
        List<String> command = new ArrayList<>();
        if (Files.isExecutable(SETSID)) {
            command.add(SETSID.toString());
        }
        command.addAll(c.command(ctx));
        Path log = state.log(c.name());
        Files.writeString(log, "=== " + java.time.Instant.now() + " starting " + c.name() + "\n",
                java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND);
        ProcessBuilder pb = new ProcessBuilder(command)
                .directory(ctx.installation().repo().toFile())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        pb.environment().putAll(c.environment(ctx));
        Process p = pb.start();
        state.writePid(c.name(), p.pid());
        return p.toHandle();
    }

    /** SIGTERM, then SIGKILL after {@code grace}. @return true if a process was stopped */
    public boolean stop(String component, Duration grace) {
        Optional<ProcessHandle> handle = running(component);
        if (handle.isEmpty()) {
            state.removePid(component);
            return false;
        }
        ProcessHandle h = handle.get();
        h.destroy();
        try {
            h.onExit().get(grace.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            h.destroyForcibly();
            try {
                h.onExit().get(5, java.util.concurrent.TimeUnit.SECONDS);
            } catch (Exception ignored) {
                // reported by the caller through running()
            }
        }
        state.removePid(component);
        return true;
    }
}
