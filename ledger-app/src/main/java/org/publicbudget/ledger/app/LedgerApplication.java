package org.publicbudget.ledger.app;

import org.publicbudget.ledger.app.cli.ImportCommand;
import org.publicbudget.ledger.app.cli.ProofCommand;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** The budget ledger: the HTTP API, the projections and the event store in one process. */
@SpringBootApplication(scanBasePackages = "org.publicbudget.ledger")
@ConfigurationPropertiesScan
public class LedgerApplication {

    /**
     * {@code import …}, {@code verify} and {@code checkpoint} run an operator's task
     * instead of the server; see {@link ImportCommand} and {@link ProofCommand}.
     */
    public static void main(String[] args) {
        String task = args.length > 0 ? args[0] : "";
        switch (task) {
            case "import" -> System.exit(ImportCommand.run(args));
            case "verify", "checkpoint" -> System.exit(ProofCommand.run(args));
            default -> SpringApplication.run(LedgerApplication.class, args);
        }
    }
}
