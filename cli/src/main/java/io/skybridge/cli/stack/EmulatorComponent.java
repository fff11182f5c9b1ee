package io.skybridge.cli.stack;

import io.skybridge.cli.rest.EmulatorControl;

import java.util.List;

/** The emulator: EC2, Compute Engine, its control API and the Kubernetes API, one JVM. */
public final class EmulatorComponent implements Component {
    @Override
    public String name() {
        return "emulator";
    }

    @Override
    public List<String> command(StackContext ctx) {
        ctx.installation().require(ctx.installation().emulatorJar(), "emulator");
        var p = ctx.ports();
        return List.of(ctx.installation().java().toString(), "-Xmx384m", "-Dskybridge.component=emulator",
                "-jar", ctx.installation().emulatorJar().toString(),
                "--aws-port", Integer.toString(p.emulatorAws()), "--gcp-port", Integer.toString(p.emulatorGcp()),
                "--control-port", Integer.toString(p.emulatorControl()), "--kube-port", Integer.toString(p.kube()));
    }

    @Override
    public boolean ready(StackContext ctx) {
        return new EmulatorControl(ctx.emulatorControlUrl()).healthy();
    }

    @Override
    public String endpoint(StackContext ctx) {
        var p = ctx.ports();
        return "EC2 http://127.0.0.1:" + p.emulatorAws() + "  Compute Engine http://127.0.0.1:" + p.emulatorGcp()
                + "  control " + ctx.emulatorControlUrl() + "  Kubernetes " + ctx.kubeUrl();
    }
}
