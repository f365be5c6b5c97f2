package org.publicbudget.ledger.app;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** The budget ledger: the HTTP API, the projections and the event store in one process. */
@SpringBootApplication(scanBasePackages = "org.publicbudget.ledger")
@ConfigurationPropertiesScan
public class LedgerApplication {

    public static void main(String[] args) {
        SpringApplication.run(LedgerApplication.class, args);
    }
}
