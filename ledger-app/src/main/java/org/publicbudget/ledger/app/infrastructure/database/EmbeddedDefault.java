package org.publicbudget.ledger.app.infrastructure.database;

import org.springframework.core.env.Environment;

/**
 * The zero-install run: the embedded H2 file database. Only there does the ledger
 * create demo accounts and load the bundled seed by itself.
 */
public final class EmbeddedDefault {

    private EmbeddedDefault() {
    }

    public static boolean isActive(Environment environment) {
        return environment.getProperty("spring.datasource.url", "").startsWith("jdbc:h2:");
    }
}
