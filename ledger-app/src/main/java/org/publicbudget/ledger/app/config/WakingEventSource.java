package org.publicbudget.ledger.app.config;

import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.axonframework.common.stream.BlockingStream;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.messaging.StreamableMessageSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The event source of the read models' processors. Axon's pooled processor, when its
 * stream has nothing new, looks again only every half second (its stream offers no
 * way to say that events arrived) — a read right after a write would see the old
 * figure for up to that long. Here the stream tells the processor as soon as events
 * are committed, on this node or on another ({@link LedgerSignals}); each look reads
 * the store directly (no shared cache of recent events to wait for).
 */
public class WakingEventSource implements StreamableMessageSource<TrackedEventMessage<?>> {

    private static final Logger log = LoggerFactory.getLogger(WakingEventSource.class);

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
        private AutoCloseable subscription;

        Stream(BlockingStream<TrackedEventMessage<?>> delegate) {
            this.delegate = delegate;
        }

        @Override
        public synchronized boolean setOnAvailableCallback(Runnable callback) {
            closeSubscription();
            subscription = signals.onEvents(callback);
            return true;
        }

        @Override
        public Optional<TrackedEventMessage<?>> peek() {
            return delegate.peek();
        }

        @Override
        public boolean hasNextAvailable(int timeout, TimeUnit unit) throws InterruptedException {
            return delegate.hasNextAvailable(timeout, unit);
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
