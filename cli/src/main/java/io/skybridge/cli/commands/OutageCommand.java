package io.skybridge.cli.commands;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.skybridge.cli.ExitCodes;
import io.skybridge.cli.GlobalOptions;
import io.skybridge.cli.intent.InvalidIntentException;
import io.skybridge.contracts.ContractJson;
import io.skybridge.contracts.MessageCatalog;
import io.skybridge.contracts.failover.OutageClearanceRequested;
import io.skybridge.contracts.failover.OutageDeclarationRequested;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.util.concurrent.Callable;

@Command(name = "outage", mixinStandardHelpOptions = true,
        description = {"Declare or clear an outage as an operator: publishes OutageDeclarationRequested /",
                "OutageClearanceRequested to the failover service (an intent, recorded with your principal).",
                "Not the same as `skybridge emulator blackout`, which makes the emulated cloud actually fail."},
        subcommands = {OutageCommand.Declare.class, OutageCommand.Clear.class})
public class OutageCommand {

    /** Options shared by declare and clear. */
    abstract static class OutageIntent implements Callable<Integer> {
        @Mixin
        GlobalOptions global;

        @Parameters(index = "0", paramLabel = "CLOUD", description = "aws or gcp")
        String cloud;

        @Option(names = "--region", paramLabel = "REGION", description = "only this region")
        String region;

        @Option(names = "--reason", paramLabel = "TEXT", description = "why (recorded on the incident)")
        String reason;

        @Option(names = "--wait", description = "wait for OutageDeclared / OutageCleared")
        boolean await;

        @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "60")
        int timeoutSeconds;

        abstract Class<? extends io.skybridge.contracts.SkybridgeMessage> intentType();

        abstract String defaultReason();

        /** What only this intent's payload has. */
        void addTo(ObjectNode payload) {
        }

        @Override
        public Integer call() {
            IntentPublication publication = new IntentPublication(global);
            ObjectNode payload = ContractJson.mapper().createObjectNode();
            payload.put("cloud", cloud);
            if (region != null) {
                payload.put("region", region);
            }
            payload.put("reason", reason != null ? reason : defaultReason());
            addTo(payload);
            try {
                return publication.publish(publication.prepare(MessageCatalog.of(intentType()), payload), await, timeoutSeconds);
            } catch (InvalidIntentException e) {
                return publication.reportInvalid(e);
            } catch (IllegalArgumentException e) {
                publication.console().error("✗ " + e.getMessage());
                return ExitCodes.INVALID;
            }
        }
    }

    @Command(name = "declare", mixinStandardHelpOptions = true, description = "publish OutageDeclarationRequested")
    public static class Declare extends OutageIntent {
        @Override
        Class<OutageDeclarationRequested> intentType() {
            return OutageDeclarationRequested.class;
        }

        @Option(names = "--kind", paramLabel = "KIND", description = "OUTAGE (default) or COMPROMISE: the cloud account is "
                + "not to be trusted, its links are isolated and its nodes fenced off before anything moves")
        String kind;

        @Override
        String defaultReason() {
            return "declared with skybridge outage declare";
        }

        @Override
        void addTo(ObjectNode payload) {
            if (kind != null) {
                payload.put("kind", kind);
            }
        }
    }

    @Command(name = "clear", mixinStandardHelpOptions = true, description = "publish OutageClearanceRequested")
    public static class Clear extends OutageIntent {
        @Override
        Class<OutageClearanceRequested> intentType() {
            return OutageClearanceRequested.class;
        }

        @Override
        String defaultReason() {
            return "cleared with skybridge outage clear";
        }
    }
}
