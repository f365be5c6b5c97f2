package org.publicbudget.ledger.app.infrastructure.axon;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.observation.ObservationRegistry;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.publicbudget.ledger.app.infrastructure.database.LedgerSignals;
import org.publicbudget.ledger.query.proof.EventChain;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;

/** The hash chain around whatever storage engine Axon configured. */
@Configuration
public class EventChainConfiguration {

    @Bean
    public EventChain eventChain(JdbcTemplate jdbc) {
        return new EventChain(jdbc);
    }

    @Bean
    public static BeanPostProcessor chainEveryAppend(ObjectProvider<EventChain> chain, ObjectProvider<LedgerSignals> signals,
            ObjectProvider<MeterRegistry> meters, ObjectProvider<ObservationRegistry> observations) {
        return new BeanPostProcessor() {
            @Override
            public Object postProcessAfterInitialization(Object bean, String name) {
                return bean instanceof EventStorageEngine engine && !(bean instanceof ChainingEventStorageEngine)
                        ? new ChainingEventStorageEngine(engine, chain.getObject(), signals.getObject(), meters.getObject(),
                        observations.getObject()) : bean;
            }
        };
    }
}
