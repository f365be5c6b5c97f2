package org.publicbudget.ledger.app;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.scheduling.annotation.EnableScheduling;

/**
 * The budget ledger: the HTTP API, the projections and the event store in one process.
 * Started by {@code cli.LedgerMain}, which also runs the operators' commands.
 */
@SpringBootApplication(scanBasePackages = "org.publicbudget.ledger")
@EnableScheduling
@ConfigurationPropertiesScan
public class LedgerApplication {
}
