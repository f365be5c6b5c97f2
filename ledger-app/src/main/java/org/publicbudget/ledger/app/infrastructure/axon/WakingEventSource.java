package org.publicbudget.ledger.app.infrastructure.axon;

import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.axonframework.common.stream.BlockingStream;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.messaging.StreamableMessageSource;
import org.publicbudget.ledger.app.infrastructure.database.LedgerSignals;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The event source of the read models' processors. Axon's pooled processor, when its
 * stream has nothing new, looks again only every half second (its stream offers no
 * way to say that events arrived) — a read right after a write would see the old
 * figure for up to that long. Here the stream tells the processor as soon as events
 * are committed, on this node or on another ({@link LedgerSignals}); each look reads
 * the store directly (no shared cache of recent events to wait for).
 *
 * <p>The processor asks several times per round whether more events are available,
 * and each question of an exhausted stream is two queries. Once the store had nothing
 * new, the stream answers "no" without asking it again until events are signalled or
 * {@value #LOOK_AGAIN_MILLIS} ms have passed (a signal from another node may be lost):
 * fewer queries between a commit and its projection, and none while idle.
 */
public class WakingEventSource implements StreamableMessageSource<TrackedEventMessage<?>> {

    private static final Logger log = LoggerFactory.getLogger(WakingEventSource.class);
    private static final long LOOK_AGAIN_MILLIS = 1_000;

    private final EmbeddedEventStore store;
    private final LedgerSignals signals;

    public WakingEventSource(EventStorageEngine engine, LedgerSignals signals) {
        this.store = EmbeddedEventStore.builder().storageEngine(engine).optimizeEventConsumption(false).build();
        this.signals = signals;
    }

    @Override
    public BlockingStream<TrackedEventMessage<?>> openStream(TrackingToken trackingToken) {
        return new Stream(store.openStream(trackingToken));
    }

    @Override
    public TrackingToken createTailToken() {
        return store.createTailToken();
    }

    @Override
    public TrackingToken createHeadToken() {
        return store.createHeadToken();
    }

    @Override
    public TrackingToken createTokenAt(Instant dateTime) {
        return store.createTokenAt(dateTime);
    }

    private final class Stream implements BlockingStream<TrackedEventMessage<?>> {

        private final BlockingStream<TrackedEventMessage<?>> delegate;
        private final AutoCloseable arrivals;
        private AutoCloseable subscription;
        /** Events may have been committed since the store was last found to have nothing new. */
        private volatile boolean signalled = true;
        private volatile boolean foundNothing;
        private volatile long lookedAt;

        Stream(BlockingStream<TrackedEventMessage<?>> delegate) {
            this.delegate = delegate;
            this.arrivals = signals.onEvents(() -> signalled = true);
        }

        @Override
        public synchronized boolean setOnAvailableCallback(Runnable callback) {
            closeSubscription();
            subscription = signals.onEvents(callback);
            return true;
        }

        @Override
        public Optional<TrackedEventMessage<?>> peek() {
            if (knownEmpty()) {
                return Optional.empty();
            }
            signalled = false;
            Optional<TrackedEventMessage<?>> next = delegate.peek();
            looked(next.isPresent());
            return next;
        }

        @Override
        public boolean hasNextAvailable(int timeout, TimeUnit unit) throws InterruptedException {
            if (timeout <= 0 && knownEmpty()) {
                return false;
            }
            signalled = false;
            boolean available = delegate.hasNextAvailable(timeout, unit);
            looked(available);
            return available;
        }

        private void looked(boolean found) {
            lookedAt = System.nanoTime();
            foundNothing = !found;
        }

        /** The store had nothing new at the last look, nothing was signalled since, and that look was recent. */
        private boolean knownEmpty() {
            return foundNothing && !signalled && System.nanoTime() - lookedAt < TimeUnit.MILLISECONDS.toNanos(LOOK_AGAIN_MILLIS);
        }

        @Override
        public TrackedEventMessage<?> nextAvailable() throws InterruptedException {
            return delegate.nextAvailable();
        }

        @Override
        public void skipMessagesWithPayloadTypeOf(TrackedEventMessage<?> ignoredMessage) {
            delegate.skipMessagesWithPayloadTypeOf(ignoredMessage);
        }

        @Override
        public synchronized void close() {
            closeSubscription();
            try {
                arrivals.close();
            } catch (Exception e) {
                log.debug("Closing a subscription to new events: {}", e.getMessage());
            }
            delegate.close();
        }

        private void closeSubscription() {
            if (subscription != null) {
                try {
                    subscription.close();
                } catch (Exception e) {
                    log.debug("Closing a subscription to new events: {}", e.getMessage());
                }
                subscription = null;
            }
        }
    }
}
