package org.publicbudget.ledger.app.infrastructure.axon.serialization;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.axonframework.serialization.RevisionResolver;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.upcasting.event.EventUpcasterChain;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The stored format of events: their published names and revisions, and the upcasters
 * that read every earlier form. Every reader — aggregates, processors, rebuilds,
 * proofs, trails — goes through these.
 */
@Configuration
public class EventFormatConfiguration {

    @Bean
    @Qualifier("eventSerializer")
    public Serializer eventSerializer(@Qualifier("defaultAxonObjectMapper") ObjectMapper mapper, RevisionResolver revisions) {
        return new EventSerializer(mapper, revisions, getClass().getClassLoader());
    }

    /**
     * Every earlier form, in the order it is read: first an event stored under its class
     * name takes its published name, then each revision is raised to the next; what is
     * still not current after that is refused.
     */
    @Bean
    public EventUpcasterChain eventUpcasters() {
        return new EventUpcasterChain(new LegacyEventNames(), new AmountsAsDecimalText(), new PaymentsWithPayee(), new KnownRevisionsOnly());
    }
}
