package io.skybridge.cli;

import io.quarkus.picocli.runtime.annotations.TopCommand;
import io.skybridge.cli.commands.DemoCommand;
import io.skybridge.cli.commands.DownCommand;
import io.skybridge.cli.commands.DrillCommand;
import io.skybridge.cli.commands.EmulatorCommand;
import io.skybridge.cli.commands.OutageCommand;
import io.skybridge.cli.commands.PublishCommand;
import io.skybridge.cli.commands.StatusCommand;
import io.skybridge.cli.commands.TraceCommand;
import io.skybridge.cli.commands.UpCommand;
import io.skybridge.cli.commands.WatchCommand;
import picocli.CommandLine.Command;

/** The {@code skybridge} command: the root of every subcommand. */
@TopCommand
@Command(name = "skybridge", mixinStandardHelpOptions = true, version = "skybridge 0.1.0",
        description = "Run Skybridge locally, publish intents and watch what the services answer.",
        subcommands = {UpCommand.class, DownCommand.class, DemoCommand.class, PublishCommand.class,
                WatchCommand.class, StatusCommand.class, OutageCommand.class, EmulatorCommand.class,
                DrillCommand.class, TraceCommand.class})
public class SkybridgeCommand {
}
