package org.publicbudget.ledger.app.config;

import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.publicbudget.ledger.query.history.EventReader;
import org.publicbudget.ledger.query.proof.EventChain;
import org.publicbudget.ledger.query.proof.LedgerProof;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/** The hash chain around whatever storage engine Axon configured, and the proof that re-walks it. */
@Configuration
public class EventChainConfiguration {

    @Bean
    public EventChain eventChain(JdbcTemplate jdbc) {
        return new EventChain(jdbc);
    }

    @Bean
    public LedgerProof ledgerProof(JdbcTemplate jdbc, TransactionTemplate transactions, EventReader events) {
        return new LedgerProof(jdbc, transactions, events);
    }

    @Bean
    public static BeanPostProcessor chainEveryAppend(ObjectProvider<EventChain> chain) {
        return new BeanPostProcessor() {
            @Override
            public Object postProcessAfterInitialization(Object bean, String name) {
                return bean instanceof EventStorageEngine engine && !(bean instanceof ChainingEventStorageEngine)
                        ? new ChainingEventStorageEngine(engine, chain.getObject()) : bean;
            }
        };
    }
}
