package org.publicbudget.ledger.app.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.Arrays;
import org.publicbudget.ledger.app.LedgerApplication;
import org.publicbudget.ledger.query.proof.LedgerProof;
import org.publicbudget.ledger.query.proof.VerificationReport;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * {@code java -jar ledger-app.jar verify} re-walks the event store of the configured
 * database and prints the same report as {@code GET /api/v1/verify}: exit code 0 when
 * the chain is intact and the read models match, 3 when not.
 * {@code java -jar ledger-app.jar checkpoint} records a checkpoint and prints it.
 */
public final class ProofCommand {

    private ProofCommand() {
    }

    public static int run(String[] args) {
        String[] springArgs = Arrays.stream(args).skip(1).toArray(String[]::new);
        try (ConfigurableApplicationContext app = new SpringApplicationBuilder(LedgerApplication.class)
                .web(WebApplicationType.NONE).properties("ledger.seed.enabled=false").run(springArgs)) {
            LedgerProof proof = app.getBean(LedgerProof.class);
            ObjectMapper json = app.getBean(ObjectMapper.class);
            if (args[0].equals("checkpoint")) {
                System.out.println(json.writerWithDefaultPrettyPrinter().writeValueAsString(proof.checkpoint()));
                return 0;
            }
            VerificationReport report = proof.verify();
            System.out.println(json.writerWithDefaultPrettyPrinter().writeValueAsString(report));
            return report.chainIntact() && report.readModelsMatch() ? 0 : 3;
        } catch (IOException e) {
            System.err.println(e.getMessage());
            return 1;
        }
    }
}
