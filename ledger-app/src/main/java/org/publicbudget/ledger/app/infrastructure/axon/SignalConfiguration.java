package org.publicbudget.ledger.app.infrastructure.axon;

import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.publicbudget.ledger.app.infrastructure.database.LedgerNode;
import org.publicbudget.ledger.app.infrastructure.database.LedgerSignals;
import org.publicbudget.ledger.app.infrastructure.database.PostgresNotifications;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.boot.autoconfigure.jdbc.DataSourceProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** How the ledger wakes its processors and waiting readers (see {@link LedgerSignals}). */
@Configuration
public class SignalConfiguration {

    /** Named in the processors' settings ({@code axon.eventhandling.processors.totals.source}). */
    @Bean
    public WakingEventSource ledgerEventSource(EventStorageEngine engine, LedgerSignals signals) {
        return new WakingEventSource(engine, signals);
    }

    /** Between nodes, on PostgreSQL; the embedded database has one node and needs nothing more. */
    @Bean
    @ConditionalOnExpression("'${spring.datasource.url:}'.startsWith('jdbc:postgresql:')")
    public PostgresNotifications postgresNotifications(DataSourceProperties database, LedgerSignals signals, LedgerNode node) {
        return new PostgresNotifications(database, signals, node);
    }
}
