package io.skybridge.cli.commands;

import io.skybridge.cli.GlobalOptions;
import io.skybridge.cli.intent.IntentTypes;
import io.skybridge.cli.intent.PayloadBuilder;
import io.skybridge.cli.intent.PreparedIntent;
import io.skybridge.contracts.ContractValidator;
import io.skybridge.contracts.MessageType;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

@Command(name = "publish", mixinStandardHelpOptions = true,
        description = {"Validate an intent against its contract schema and publish it with its CloudEvents headers.",
                "Prints the intent id; with --wait follows the intent's events (by correlation id) to its end.",
                "Exit codes: 0 sent (or succeeded with --wait), 1 rejected/failed, 2 invalid (nothing sent), 3 timed out."},
        footer = {"", "Examples:",
                "  skybridge publish OutageDeclarationRequested --set cloud=aws --set reason='status page'",
                "  skybridge publish NetworkLinkRequested --file link.yaml --set mode=BASIC --wait",
                "  skybridge publish NodePoolScaleRequested --set poolId=p1 --set cloud=gcp --set region=us-central1 \\",
                "      --set zones=us-central1-a,us-central1-b --set machineType=e2-standard-4 --set min=0 --set max=4 --set desired=2"})
public class PublishCommand implements Callable<Integer> {
    @Mixin
    GlobalOptions global;

    @Parameters(index = "0", paramLabel = "INTENT", description = "intent name (e.g. NetworkLinkRequested) or full ce_type")
    String intent;

    @Option(names = {"-f", "--file"}, paramLabel = "FILE", description = "payload as JSON or YAML (.yaml/.yml)")
    Path file;

    @Option(names = {"-s", "--set"}, paramLabel = "KEY=VALUE",
            description = "set a field: a.b=v, list=a,b, list[0]=v; typed by the schema (repeatable)")
    List<String> sets = new ArrayList<>();

    @Option(names = "--wait", description = "follow the intent's events until its terminal event")
    boolean await;

    @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "300", description = "how long --wait waits (default 300)")
    int timeoutSeconds;

    @Option(names = "--schema", description = "print the intent's JSON Schema and exit")
    boolean printSchema;

    @Override
    public Integer call() {
        IntentPublication publication = new IntentPublication(global);
        try {
            MessageType type = IntentTypes.resolve(intent);
            if (printSchema) {
                publication.console().println(ContractValidator.schema(type).toPrettyString());
                return 0;
            }
            PreparedIntent prepared = publication.prepare(type, new PayloadBuilder(ContractValidator.schema(type)).build(file, sets));
            return publication.publish(prepared, await, timeoutSeconds);
        } catch (IllegalArgumentException e) {
            publication.console().error("✗ " + e.getMessage());
            return io.skybridge.cli.ExitCodes.INVALID;
        } catch (io.skybridge.cli.intent.InvalidIntentException e) {
            return publication.reportInvalid(e);
        }
    }
}
