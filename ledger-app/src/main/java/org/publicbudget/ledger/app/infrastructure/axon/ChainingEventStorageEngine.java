package org.publicbudget.ledger.app.infrastructure.axon;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.DomainEventStream;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.publicbudget.ledger.app.infrastructure.database.LedgerSignals;
import org.publicbudget.ledger.query.proof.EventChain;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Axon's own JDBC storage engine, with every append followed — in the same
 * transaction — by the chain hashes of the events it stored. Wrapping the configured
 * engine rather than building one keeps its serializer and upcaster chain as they are.
 * The position the events landed at is noted for the request's answer, and once the
 * transaction commits the event processors are woken.
 */
class ChainingEventStorageEngine implements EventStorageEngine {

    private final EventStorageEngine delegate;
    private final EventChain chain;
    private final LedgerSignals signals;
    private final ObservationRegistry observations;
    private final Counter appended;

    ChainingEventStorageEngine(EventStorageEngine delegate, EventChain chain, LedgerSignals signals, MeterRegistry meters,
            ObservationRegistry observations) {
        this.delegate = delegate;
        this.chain = chain;
        this.signals = signals;
        this.observations = observations;
        this.appended = Counter.builder("ledger.events.appended").description("Events appended to the store and committed")
                .register(meters);
    }

    @Override
    public void appendEvents(List<? extends EventMessage<?>> events) {
        // its own timer, and a span in the trace of the command whose commit this is
        Observation.createNotStarted("ledger.append", observations).contextualName("append")
                .highCardinalityKeyValue("events", Integer.toString(events.size())).observe(() -> {
                    delegate.appendEvents(events);
                    AppendedPosition.record(chain.record(events.stream().filter(DomainEventMessage.class::isInstance)
                            .map(e -> (DomainEventMessage<?>) e).toList()));
                });
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    appended.increment(events.size());
                    signals.eventsCommitted();
                }

                /** Rolled back (a dry run, a failed transfer): the position was never reached. */
                @Override
                public void afterCompletion(int status) {
                    if (status == STATUS_ROLLED_BACK) {
                        AppendedPosition.clear();
                    }
                }
            });
        } else {
            appended.increment(events.size());
            signals.eventsCommitted();
        }
    }

    @Override
    public void storeSnapshot(DomainEventMessage<?> snapshot) {
        delegate.storeSnapshot(snapshot);
    }

    @Override
    public Stream<? extends TrackedEventMessage<?>> readEvents(TrackingToken trackingToken, boolean mayBlock) {
        return delegate.readEvents(trackingToken, mayBlock);
    }

    @Override
    public DomainEventStream readEvents(String aggregateIdentifier) {
        return delegate.readEvents(aggregateIdentifier);
    }

    @Override
    public DomainEventStream readEvents(String aggregateIdentifier, long firstSequenceNumber) {
        return delegate.readEvents(aggregateIdentifier, firstSequenceNumber);
    }

    @Override
    public Optional<DomainEventMessage<?>> readSnapshot(String aggregateIdentifier) {
        return delegate.readSnapshot(aggregateIdentifier);
    }

    @Override
    public Optional<Long> lastSequenceNumberFor(String aggregateIdentifier) {
        return delegate.lastSequenceNumberFor(aggregateIdentifier);
    }

    @Override
    public TrackingToken createTailToken() {
        return delegate.createTailToken();
    }

    @Override
    public TrackingToken createHeadToken() {
        return delegate.createHeadToken();
    }

    @Override
    public TrackingToken createTokenAt(Instant dateTime) {
        return delegate.createTokenAt(dateTime);
    }
}
