package io.skybridge.cli.stack;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** A real PostgreSQL (zonky embedded binaries) in its own JVM; its data directory lives in the state directory. */
public final class PostgresComponent implements Component {
    public static final String USER = "postgres";

    @Override
    public String name() {
        return "postgres";
    }

    private Path readyFile(StackContext ctx) {
        return ctx.state().data("postgres-ready");
    }

    @Override
    public void prepare(StackContext ctx) throws Exception {
        Files.deleteIfExists(readyFile(ctx));
    }

    @Override
    public List<String> command(StackContext ctx) {
        return List.of(ctx.installation().java().toString(), "-Xmx128m", "-Dskybridge.component=postgres", "-Djava.util.logging.manager=org.jboss.logmanager.LogManager",
                "-cp", ctx.installation().cliClasspath(), PostgresServerMain.class.getName(),
                ctx.state().data("postgres").toString(), Integer.toString(ctx.ports().postgres()),
                readyFile(ctx).toString());
    }

    @Override
    public boolean ready(StackContext ctx) {
        return Files.exists(readyFile(ctx));
    }

    public static String jdbcUrl(StackContext ctx) {
        return "jdbc:postgresql://127.0.0.1:" + ctx.ports().postgres() + "/" + PostgresServerMain.DATABASE;
    }

    public static String reactiveUrl(StackContext ctx) {
        return "postgresql://127.0.0.1:" + ctx.ports().postgres() + "/" + PostgresServerMain.DATABASE;
    }

    @Override
    public String endpoint(StackContext ctx) {
        return jdbcUrl(ctx) + " (user " + USER + ", data " + ctx.state().data("postgres") + ")";
    }
}
