package io.skybridge.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.skybridge.contracts.ContractJson;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The console's browser test ({@code console/e2e/watch-failover.mjs}: Playwright driving Debian's Chromium) run beside
 * a test's local stack. It waits for the console itself; {@link #finish} returns what it saw. Screenshots stay in
 * {@code <out>} ({@code cli/target/console-e2e}) as build artifacts.
 */
final class ConsoleBrowser {
    static final Path CONSOLE = LocalStackRun.REPO.resolve("console");

    private final Process process;
    private final Path out;
    private final Path log;

    private ConsoleBrowser(Process process, Path out, Path log) {
        this.process = process;
        this.out = out;
        this.log = log;
    }

    static ConsoleBrowser start(String consoleUrl, Path out, int timeoutSeconds) throws IOException {
        if (!Files.isDirectory(CONSOLE.resolve("node_modules/playwright-core"))) {
            throw new IllegalStateException("console/node_modules is missing: build the console module first (./mvnw -pl console install)");
        }
        String chromium = System.getenv().getOrDefault("CHROMIUM", "/usr/bin/chromium");
        if (!Files.isExecutable(Path.of(chromium))) {
            throw new IllegalStateException(chromium + " is missing: apt-get install chromium (.ci/run does), or set CHROMIUM");
        }
        Files.createDirectories(out);
        Path log = out.resolve("browser.log");
        Process p = new ProcessBuilder(List.of("node", "e2e/watch-failover.mjs", "--url", consoleUrl, "--out", out.toString(),
                "--timeout", Integer.toString(timeoutSeconds)))
                .directory(CONSOLE.toFile()).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        return new ConsoleBrowser(p, out, log);
    }

    /** Waits for the script and returns its findings ({@code console-e2e.json}); fails with its log if it failed. */
    JsonNode finish(long timeoutSeconds) throws Exception {
        if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("the console's browser test did not finish in " + timeoutSeconds + " s: " + Files.readString(log));
        }
        Path result = out.resolve("console-e2e.json");
        if (process.exitValue() != 0 || !Files.exists(result)) {
            throw new AssertionError("the console's browser test failed (exit " + process.exitValue() + "): " + Files.readString(log));
        }
        return ContractJson.mapper().readTree(result.toFile());
    }

    void stop() {
        if (process.isAlive()) {
            process.destroyForcibly();
        }
    }
}
