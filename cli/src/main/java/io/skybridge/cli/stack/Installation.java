package io.skybridge.cli.stack;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where the built artifacts are: the repository root (env {@code SKYBRIDGE_REPO}, set by the
 * {@code ./skybridge} launcher, else the working directory), this CLI's own Quarkus app (its
 * {@code lib/} holds the Kafka and embedded-PostgreSQL jars), the emulator jar and the services' apps.
 */
public record Installation(Path repo) {

    public static Installation detect() {
        String env = System.getenv("SKYBRIDGE_REPO");
        return new Installation(Path.of(env != null && !env.isBlank() ? env : ".").toAbsolutePath().normalize());
    }

    public Path cliApp() {
        return repo.resolve("cli/target/quarkus-app");
    }

    /** The classpath of the CLI's own app, for the broker and database JVMs. */
    public String cliClasspath() {
        Path app = cliApp();
        return String.join(File.pathSeparator, app.resolve("app").toString() + File.separator + "*",
                app.resolve("lib/boot").toString() + File.separator + "*",
                app.resolve("lib/main").toString() + File.separator + "*");
    }

    public Path emulatorJar() {
        return repo.resolve("emulator/target/skybridge-emulator.jar");
    }

    public Path serviceApp(String service) {
        return repo.resolve("services/" + service + "/target/quarkus-app/quarkus-run.jar");
    }

    public Path java() {
        Path home = Path.of(System.getProperty("java.home"));
        Path java = home.resolve("bin/java");
        return Files.isExecutable(java) ? java : Path.of("java");
    }

    public void require(Path artifact, String module) {
        if (!Files.exists(artifact)) {
            throw new IllegalStateException(artifact + " is missing: build it with ./mvnw -B -pl " + module
                    + " -am package -DskipTests (./skybridge does this on first use)");
        }
    }
}
