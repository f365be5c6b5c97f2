package org.publicbudget.ledger.app;

import org.publicbudget.ledger.app.cli.ImportCommand;
import org.publicbudget.ledger.app.cli.OpsCommand;
import org.publicbudget.ledger.app.cli.ProofCommand;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.scheduling.annotation.EnableScheduling;

/** The budget ledger: the HTTP API, the projections and the event store in one process. */
@SpringBootApplication(scanBasePackages = "org.publicbudget.ledger")
@EnableScheduling
@ConfigurationPropertiesScan
public class LedgerApplication {

    /**
     * {@code import …}, {@code verify}, {@code checkpoint}, {@code processors} and
     * {@code rebuild …} run an operator's task instead of the server; see
     * {@link ImportCommand}, {@link ProofCommand} and {@link OpsCommand}.
     */
    public static void main(String[] args) {
        String task = args.length > 0 ? args[0] : "";
        switch (task) {
            case "import" -> System.exit(ImportCommand.run(args));
            case "verify", "checkpoint" -> System.exit(ProofCommand.run(args));
            case "processors", "rebuild" -> System.exit(OpsCommand.run(args));
            default -> SpringApplication.run(LedgerApplication.class, args);
        }
    }
}
