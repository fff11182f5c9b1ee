package io.skybridge.cli.commands;

import io.skybridge.cli.Console;
import io.skybridge.cli.ExitCodes;
import io.skybridge.cli.GlobalOptions;
import io.skybridge.cli.rest.EmulatorControl;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.util.concurrent.Callable;

@Command(name = "emulator", mixinStandardHelpOptions = true,
        description = {"Drive the emulator's control API: make an emulated cloud really go dark, or bring it back.",
                "Nothing is declared: detecting the outage is the failover service's job (see `skybridge outage`)."},
        subcommands = {EmulatorCommand.Blackout.class, EmulatorCommand.Restore.class})
public class EmulatorCommand {

    @Command(name = "blackout", mixinStandardHelpOptions = true, description = "POST /control/outages: the cloud's APIs answer 503, its VMs stop heartbeating, tunnels go down")
    public static class Blackout implements Callable<Integer> {
        @Mixin
        GlobalOptions global;

        @Parameters(index = "0", paramLabel = "CLOUD", description = "aws or gcp")
        String cloud;

        @Option(names = "--region", paramLabel = "REGION", description = "only this region")
        String region;

        @Option(names = "--mode", paramLabel = "MODE", defaultValue = "unavailable", description = "unavailable (503, default) or hang")
        String mode;

        @Override
        public Integer call() {
            Console console = Console.system();
            try {
                new EmulatorControl(global.emulatorUrl()).blackout(cloud, region, mode);
                console.println("emulator: " + cloud + (region != null ? " " + region : "") + " is dark (" + mode + ")");
                return ExitCodes.OK;
            } catch (IOException | IllegalStateException e) {
                console.error("✗ " + e.getMessage());
                return ExitCodes.FAILED;
            }
        }
    }

    @Command(name = "restore", mixinStandardHelpOptions = true, description = "DELETE /control/outages/{cloud}: the cloud answers again")
    public static class Restore implements Callable<Integer> {
        @Mixin
        GlobalOptions global;

        @Parameters(index = "0", paramLabel = "CLOUD", description = "aws or gcp")
        String cloud;

        @Option(names = "--region", paramLabel = "REGION", description = "only this region")
        String region;

        @Override
        public Integer call() {
            Console console = Console.system();
            try {
                new EmulatorControl(global.emulatorUrl()).restore(cloud, region);
                console.println("emulator: " + cloud + (region != null ? " " + region : "") + " is back");
                return ExitCodes.OK;
            } catch (IOException | IllegalStateException e) {
                console.error("✗ " + e.getMessage());
                return ExitCodes.FAILED;
            }
        }
    }
}
