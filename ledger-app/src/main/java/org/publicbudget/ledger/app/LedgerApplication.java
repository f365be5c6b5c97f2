package org.publicbudget.ledger.app;

import org.publicbudget.ledger.app.cli.LedgerCommands;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.scheduling.annotation.EnableScheduling;

/** The budget ledger: the HTTP API, the projections and the event store in one process. */
@SpringBootApplication(scanBasePackages = "org.publicbudget.ledger")
@EnableScheduling
@ConfigurationPropertiesScan
public class LedgerApplication {

    /** With a command first ({@code import}, {@code verify}, {@code --help} …) an operator's task instead of the server: {@link LedgerCommands}. */
    public static void main(String[] args) {
        if (LedgerCommands.isCommand(args)) {
            System.exit(LedgerCommands.execute(args));
        }
        SpringApplication.run(LedgerApplication.class, args);
    }
}
