package org.publicbudget.ledger.app.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import org.publicbudget.ledger.query.proof.Checkpoints;
import org.publicbudget.ledger.query.proof.LedgerVerification;
import org.publicbudget.ledger.query.proof.VerificationReport;
import org.springframework.context.ConfigurableApplicationContext;
import picocli.CommandLine.Command;

/** The proof commands: a full verification, and a checkpoint to publish. */
final class ProofCommand {

    private ProofCommand() {
    }

    @Command(name = "verify", mixinStandardHelpOptions = true,
            description = "Walks the whole event store — every event against the hash chain, every checkpoint, every read-model row "
                    + "against the events — and prints the report GET /api/v1/verify gives. Exit code 3 when the chain is broken "
                    + "or the read models differ.")
    static final class Verify extends LedgerTask {

        @Override
        int run(ConfigurableApplicationContext app, PrintWriter results) throws Exception {
            VerificationReport report = app.getBean(LedgerVerification.class).verifyAll(0, done -> { });
            printJson(app, results, report);
            return report.chainIntact() && Boolean.TRUE.equals(report.readModelsMatch()) ? 0 : LedgerCommands.PROBLEM_FOUND;
        }

        /** Over the API the full verification is a job the ledger runs; this follows it to its report. */
        @Override
        int remote(LedgerClient ledger, PrintWriter results) throws Exception {
            LedgerClient.Reply asked = ledger.post("/api/v1/ops/verifications", "{\"reason\":\"command line\"}", "application/json");
            JsonNode run = asked.body();
            PrintWriter progress = spec.commandLine().getErr();
            long lastLine = System.nanoTime();
            while (!run.get("state").asText().equals("DONE") && !run.get("state").asText().equals("FAILED")) {
                Thread.sleep(250);
                run = ledger.get(asked.location());
                if (System.nanoTime() - lastLine > 2_000_000_000L) {
                    progress.printf("%,d/%,d events  %s%n", run.get("eventsDone").asLong(), run.get("eventsTotal").asLong(),
                            run.get("state").asText());
                    lastLine = System.nanoTime();
                }
            }
            if (run.get("state").asText().equals("FAILED")) {
                progress.println("The verification failed: " + run.path("error").asText());
                return LedgerCommands.FAILED;
            }
            JsonNode report = run.get("report");
            printJson(results, report);
            return report.get("chainIntact").asBoolean() && report.path("readModelsMatch").asBoolean(false) ? 0 : LedgerCommands.PROBLEM_FOUND;
        }
    }

    @Command(name = "checkpoint", mixinStandardHelpOptions = true,
            description = "Records a checkpoint — the chain's newest hash and position, to publish — and prints it.")
    static final class Checkpoint extends LedgerTask {

        @Override
        int run(ConfigurableApplicationContext app, PrintWriter results) throws Exception {
            printJson(app, results, app.getBean(Checkpoints.class).record());
            return 0;
        }

        @Override
        int remote(LedgerClient ledger, PrintWriter results) throws Exception {
            printJson(results, ledger.post("/api/v1/ops/checkpoints", "", "application/json").body());
            return 0;
        }
    }
}
