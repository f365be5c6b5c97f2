package org.publicbudget.ledger.app.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.Arrays;
import org.publicbudget.ledger.app.LedgerApplication;
import org.publicbudget.ledger.query.proof.Checkpoints;
import org.publicbudget.ledger.query.proof.LedgerVerification;
import org.publicbudget.ledger.query.proof.VerificationReport;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * {@code java -jar ledger-app.jar verify} walks the whole event store of the configured
 * database — every event against the chain, every checkpoint, every read-model row
 * against the events — and prints the report {@code GET /api/v1/verify} gives: exit code
 * 0 when the chain is intact and the read models match, 3 when not.
 * {@code java -jar ledger-app.jar checkpoint} records a checkpoint and prints it.
 */
public final class ProofCommand {

    private ProofCommand() {
    }

    public static int run(String[] args) {
        String[] springArgs = Arrays.stream(args).skip(1).toArray(String[]::new);
        try (ConfigurableApplicationContext app = new SpringApplicationBuilder(LedgerApplication.class)
                .web(WebApplicationType.NONE).properties("ledger.seed.enabled=false").run(springArgs)) {
            ObjectMapper json = app.getBean(ObjectMapper.class);
            if (args[0].equals("checkpoint")) {
                System.out.println(json.writerWithDefaultPrettyPrinter().writeValueAsString(app.getBean(Checkpoints.class).record()));
                return 0;
            }
            VerificationReport report = app.getBean(LedgerVerification.class).verifyAll(0, done -> { });
            System.out.println(json.writerWithDefaultPrettyPrinter().writeValueAsString(report));
            return report.chainIntact() && Boolean.TRUE.equals(report.readModelsMatch()) ? 0 : 3;
        } catch (IOException e) {
            System.err.println(e.getMessage());
            return 1;
        }
    }
}
