package org.publicbudget.ledger.app.infrastructure.axon;

import java.util.Objects;
import org.axonframework.common.caching.Cache;
import org.axonframework.common.lock.LockFactory;
import org.axonframework.common.lock.PessimisticLockFactory;
import org.axonframework.config.Configuration;
import org.axonframework.eventsourcing.CachingEventSourcingRepository;
import org.axonframework.eventsourcing.EventSourcedAggregate;
import org.axonframework.eventsourcing.EventSourcingRepository;
import org.axonframework.eventsourcing.SnapshotTriggerDefinition;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.modelling.command.LockAwareAggregate;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Axon's caching repository, which keeps recently used aggregates in memory so that a
 * command need not read a snapshot and the events after it and replay them (a sixth of
 * the CPU of a command and two statements, profiled: docs/measurements.md, "Speed").
 *
 * <p>Two guards keep the memory honest. What a command did is in the cache only once
 * the request's whole transaction has committed: Axon caches when its own unit of
 * work ends, which inside a transfer, an import or an idempotent request is before the
 * database commits. So the entry is taken out just before the database decides and put
 * back only if it committed; a rollback can never leave behind a project that the store
 * never held (and that another node might then give the same sequence number, so that
 * no version check could tell). And a cached aggregate is used only after one look at
 * the unique index confirms that the store holds no newer event for it (another node
 * changed it, or the command that cached it has not committed yet); otherwise it is
 * loaded from the store, as without a cache. The look goes to the storage engine, past
 * the event store: the store would first search the events this unit of work has not
 * yet appended, all of a batch's, for every command of the batch; a project this unit
 * of work changed is held by it and not loaded again.
 *
 * <p>And a project a request has loaded stays its own until that request's transaction
 * ends. Axon locks an aggregate only for one command; a transfer, an import or an
 * idempotent request commits later, so another request on this node could load the
 * project meanwhile without the uncommitted events, and lose the race to append at
 * the unique index — a 409 its client did not cause (the soak saw 7 in 17,000 keyed
 * revisions). Two requests that wait for each other's projects (an import and a
 * transfer taking them in different orders) are told apart by the lock factory's
 * deadlock detection, and one of them answers 409.
 */
final class CheckedCachingRepository<T> extends CachingEventSourcingRepository<T> {

    private final EventStorageEngine storage;
    private final Cache cache;
    /** One for every aggregate type, so that its deadlock detection sees every request's locks. */
    private static final LockFactory REQUEST_LOCKS = PessimisticLockFactory.usingDefaults();

    private CheckedCachingRepository(EventSourcingRepository.Builder<T> builder, EventStorageEngine storage, Cache cache) {
        super(builder);
        this.storage = storage;
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
        return new CheckedCachingRepository<>(builder, Objects.requireNonNull(axon.getComponent(EventStorageEngine.class),
                "an event storage engine"), cache);
    }

    @Override
    protected LockAwareAggregate<T, EventSourcedAggregate<T>> doLoad(String aggregateIdentifier, Long expectedVersion) {
        holdUntilTheTransactionEnds(aggregateIdentifier);
        return super.doLoad(aggregateIdentifier, expectedVersion);
    }

    /** Taken before Axon's own lock, so that a request waiting for it holds none of Axon's. */
    private void holdUntilTheTransactionEnds(String aggregateIdentifier) {
        String key = CheckedCachingRepository.class.getName() + ":" + aggregateIdentifier;
        if (!TransactionSynchronizationManager.isSynchronizationActive() || TransactionSynchronizationManager.hasResource(key)) {
            return;
        }
        org.axonframework.common.lock.Lock lock = REQUEST_LOCKS.obtainLock(aggregateIdentifier);
        TransactionSynchronizationManager.bindResource(key, lock);
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCompletion(int status) {
                TransactionSynchronizationManager.unbindResourceIfPossible(key);
                lock.release();
            }
        });
    }

    @Override
    protected void doSaveWithLock(EventSourcedAggregate<T> aggregate) {
        super.doSaveWithLock(aggregate);
        cacheOnlyIfCommitted(aggregate.identifierAsString());
    }

    @Override
    protected EventSourcedAggregate<T> doLoadWithLock(String aggregateIdentifier, Long expectedVersion) {
        boolean cached = cache.containsKey(aggregateIdentifier);
        EventSourcedAggregate<T> aggregate = super.doLoadWithLock(aggregateIdentifier, expectedVersion);
        if (!cached || Objects.equals(aggregate.version(),
                LastSequenceNumbers.newest(aggregateIdentifier, storage::lastSequenceNumberFor).orElse(null))) {
            return aggregate;
        }
        cache.remove(aggregateIdentifier);
        return super.doLoadWithLock(aggregateIdentifier, expectedVersion);
    }

    /** Takes out what this command cached (not what another has cached since) until the transaction has committed. */
    private void cacheOnlyIfCommitted(String aggregateIdentifier) {
        if (!TransactionSynchronizationManager.isSynchronizationActive()) {
            return;
        }
        Object saved = cache.get(aggregateIdentifier);
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void beforeCompletion() {
                cache.computeIfPresent(aggregateIdentifier, current -> current == saved ? null : current);
            }

            @Override
            public void afterCompletion(int status) {
                if (status == STATUS_COMMITTED && saved != null) {
                    cache.putIfAbsent(aggregateIdentifier, saved);
                }
            }
        });
    }
}
