package org.publicbudget.ledger.app.cli;

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
    }

    @Command(name = "checkpoint", mixinStandardHelpOptions = true,
            description = "Records a checkpoint — the chain's newest hash and position, to publish — and prints it.")
    static final class Checkpoint extends LedgerTask {

        @Override
        int run(ConfigurableApplicationContext app, PrintWriter results) throws Exception {
            printJson(app, results, app.getBean(Checkpoints.class).record());
            return 0;
        }
    }
}
