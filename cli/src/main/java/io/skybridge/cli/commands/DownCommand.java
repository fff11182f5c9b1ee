package io.skybridge.cli.commands;

import io.skybridge.cli.Console;
import io.skybridge.cli.ExitCodes;
import io.skybridge.cli.GlobalOptions;
import io.skybridge.cli.stack.Stack;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

import java.util.List;
import java.util.concurrent.Callable;

@Command(name = "down", mixinStandardHelpOptions = true,
        description = "Stop every process of the local stack (services first). The data stays: `skybridge up` reuses it.")
public class DownCommand implements Callable<Integer> {
    @Mixin
    GlobalOptions global;

    @Override
    public Integer call() {
        Console console = Console.system();
        List<String> stopped = new Stack(UpCommand.context(global), console).down();
        console.println(stopped.isEmpty() ? "nothing was running" : "stopped " + String.join(", ", stopped));
        return ExitCodes.OK;
    }
}
