package org.publicbudget.ledger.app.config;

import java.util.Objects;
import org.axonframework.common.caching.Cache;
import org.axonframework.config.Configuration;
import org.axonframework.eventsourcing.CachingEventSourcingRepository;
import org.axonframework.eventsourcing.EventSourcedAggregate;
import org.axonframework.eventsourcing.EventSourcingRepository;
import org.axonframework.eventsourcing.SnapshotTriggerDefinition;
import org.axonframework.eventsourcing.eventstore.EventStore;

/**
 * Axon's caching repository, which keeps recently used aggregates in memory so that a
 * command need not read a snapshot and the events after it and replay them (a sixth of
 * the CPU of a command and two statements, profiled: README "Speed"). A cached
 * aggregate is used only after one look at the unique index confirms that the store
 * holds no newer event for it — another node may have changed it, or an outer
 * transaction (an idempotent request, a transfer) may have been rolled back after Axon
 * cached its result. Otherwise it is loaded from the store, as without a cache.
 */
final class CheckedCachingRepository<T> extends CachingEventSourcingRepository<T> {

    private final EventStore store;
    private final Cache cache;

    private CheckedCachingRepository(EventSourcingRepository.Builder<T> builder, EventStore store, Cache cache) {
        super(builder);
        this.store = store;
        this.cache = cache;
    }

    static <T> CheckedCachingRepository<T> of(Class<T> type, Configuration axon, SnapshotTriggerDefinition snapshots, Cache cache) {
        EventSourcingRepository.Builder<T> builder = EventSourcingRepository.builder(type)
                .parameterResolverFactory(axon.parameterResolverFactory())
                .handlerDefinition(axon.handlerDefinition(type))
                .eventStore(axon.eventStore())
                .snapshotTriggerDefinition(snapshots)
                .repositoryProvider(axon::repository)
                .cache(cache);
        return new CheckedCachingRepository<>(builder, axon.eventStore(), cache);
    }

    @Override
    protected EventSourcedAggregate<T> doLoadWithLock(String aggregateIdentifier, Long expectedVersion) {
        boolean cached = cache.containsKey(aggregateIdentifier);
        EventSourcedAggregate<T> aggregate = super.doLoadWithLock(aggregateIdentifier, expectedVersion);
        if (!cached || Objects.equals(aggregate.version(), store.lastSequenceNumberFor(aggregateIdentifier).orElse(null))) {
            return aggregate;
        }
        cache.remove(aggregateIdentifier);
        return super.doLoadWithLock(aggregateIdentifier, expectedVersion);
    }
}
