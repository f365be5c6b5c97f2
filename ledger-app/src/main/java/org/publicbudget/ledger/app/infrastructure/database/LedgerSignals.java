package org.publicbudget.ledger.app.infrastructure.database;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import jakarta.annotation.PreDestroy;
import org.springframework.stereotype.Component;

/**
 * Wakes whoever waits for the ledger to move, instead of their polling on a timer:
 * event processors when events are committed, readers waiting for a position when a
 * read model commits. Signals from this node arrive directly; those of other nodes
 * through the database ({@link PostgresNotifications}), which also learns here what to
 * pass on.
 */
@Component
public class LedgerSignals {

    /** A waiting reader looks again at least this often, should a signal from another node be lost. */
    private static final long LOOK_AGAIN_MILLIS = 100;

    private static final long GATHER_MILLIS = 10;
    private static final long GATHER_NANOS = TimeUnit.MILLISECONDS.toNanos(GATHER_MILLIS);

    private final List<Runnable> eventListeners = new CopyOnWriteArrayList<>();
    private final AtomicLong lastWake = new AtomicLong(System.nanoTime() - GATHER_NANOS);
    private final AtomicBoolean wakeScheduled = new AtomicBoolean();
    private final ScheduledExecutorService waker = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "ledger-wake");
        thread.setDaemon(true);
        return thread;
    });
    private final Object readModelMonitor = new Object();
    private long readModelGeneration;
    private final AtomicBoolean eventsToAnnounce = new AtomicBoolean();
    private final AtomicBoolean readModelToAnnounce = new AtomicBoolean();
    private final Object announcements = new Object();

    /** Events this node appended are committed. */
    public void eventsCommitted() {
        eventsArrived();
        eventsToAnnounce.set(true);
        announce();
    }

    /**
     * Events are committed, here or on another node. Those waiting are told at once if
     * they were last told {@value #GATHER_MILLIS} ms ago or more, else once that much time
     * has passed since: each commit woke the read models' processors, which then wrote one
     * transaction per event — of a busy ledger's database work, the projection's share
     * doubled. Gathered, a busy ledger's projection writes each few milliseconds' events
     * together, and a quiet one's is not held up at all.
     */
    public void eventsArrived() {
        long now = System.nanoTime();
        long last = lastWake.get();
        if (now - last >= GATHER_NANOS && lastWake.compareAndSet(last, now)) {
            eventListeners.forEach(Runnable::run);
        } else if (wakeScheduled.compareAndSet(false, true)) {
            waker.schedule(() -> {
                wakeScheduled.set(false);
                lastWake.set(System.nanoTime());
                eventListeners.forEach(Runnable::run);
            }, Math.max(0, last + GATHER_NANOS - now), TimeUnit.NANOSECONDS);
        }
    }

    /** Runs {@code listener} whenever events arrive, until the returned handle is closed. */
    public AutoCloseable onEvents(Runnable listener) {
        eventListeners.add(listener);
        return () -> eventListeners.remove(listener);
    }

    /** A read model on this node committed a batch. */
    public void readModelCommitted() {
        readModelAdvanced();
        readModelToAnnounce.set(true);
        announce();
    }

    /** A read model committed a batch, here or on another node. */
    public void readModelAdvanced() {
        synchronized (readModelMonitor) {
            readModelGeneration++;
            readModelMonitor.notifyAll();
        }
    }

    /** Waits until {@code reached} holds, looking again whenever a read model advances; false when {@code max} passed first. */
    public boolean awaitReadModel(BooleanSupplier reached, Duration max) {
        long deadline = System.nanoTime() + max.toNanos();
        while (true) {
            long generation;
            synchronized (readModelMonitor) {
                generation = readModelGeneration;
            }
            if (reached.getAsBoolean()) {
                return true;
            }
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return false;
            }
            synchronized (readModelMonitor) {
                if (generation == readModelGeneration) {
                    try {
                        readModelMonitor.wait(Math.max(1, Math.min(LOOK_AGAIN_MILLIS, left / 1_000_000)));
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return false;
                    }
                }
            }
        }
    }

    /** For the node's announcer: what to tell other nodes since it last asked; blocks up to {@code max} while there is nothing. */
    boolean[] nextAnnouncement(Duration max) throws InterruptedException {
        synchronized (announcements) {
            if (!eventsToAnnounce.get() && !readModelToAnnounce.get()) {
                announcements.wait(max.toMillis());
            }
        }
        return new boolean[] {eventsToAnnounce.getAndSet(false), readModelToAnnounce.getAndSet(false)};
    }

    @PreDestroy
    void stop() {
        waker.shutdownNow();
    }

    private void announce() {
        synchronized (announcements) {
            announcements.notifyAll();
        }
    }
}
