package org.publicbudget.ledger.app;

import org.publicbudget.ledger.app.cli.ImportCommand;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** The budget ledger: the HTTP API, the projections and the event store in one process. */
@SpringBootApplication(scanBasePackages = "org.publicbudget.ledger")
@ConfigurationPropertiesScan
public class LedgerApplication {

    /** {@code import …} runs the operators' document import instead of the server; see {@link ImportCommand}. */
    public static void main(String[] args) {
        if (args.length > 0 && args[0].equals("import")) {
            System.exit(ImportCommand.run(args));
        }
        SpringApplication.run(LedgerApplication.class, args);
    }
}
