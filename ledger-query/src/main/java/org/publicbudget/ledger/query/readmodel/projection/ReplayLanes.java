package org.publicbudget.ledger.query.readmodel.projection;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.springframework.scheduling.concurrent.CustomizableThreadFactory;

/**
 * Writes a replay's pages while the next one is read: one lane (a thread, one
 * transaction after another) per share of the departments, as the processor's segments
 * divide them, so no two lanes touch the same row and each lane keeps its events in
 * store order. At most two pages are in flight; {@link #drain} waits for all of them.
 */
final class ReplayLanes<T> implements AutoCloseable {

    private static final int PAGES_IN_FLIGHT = 2;
    private static final int MOST_LANES = 4;

    private final List<ExecutorService> lanes = new ArrayList<>();
    private final Consumer<List<T>> write;
    private final Deque<List<Future<?>>> inFlight = new ArrayDeque<>();

    /** One lane per core, at most four: the database's work for one share overlaps the JVM's for another. */
    ReplayLanes(Consumer<List<T>> write) {
        this.write = write;
        int count = Math.max(1, Math.min(MOST_LANES, Runtime.getRuntime().availableProcessors()));
        for (int i = 0; i < count; i++) {
            lanes.add(Executors.newSingleThreadExecutor(new CustomizableThreadFactory("read-model-replay-" + (i + 1) + "-")));
        }
    }

    int count() {
        return lanes.size();
    }

    /** Hands each lane its share of a page ({@code shares.get(i)} to lane i); waits while two pages are still being written. */
    void submit(List<List<T>> shares) {
        List<Future<?>> page = new ArrayList<>();
        for (int i = 0; i < lanes.size(); i++) {
            List<T> share = shares.get(i);
            if (!share.isEmpty()) {
                page.add(lanes.get(i).submit(() -> write.accept(share)));
            }
        }
        inFlight.addLast(page);
        while (inFlight.size() > PAGES_IN_FLIGHT) {
            inFlight.removeFirst().forEach(ReplayLanes::join);
        }
    }

    /** Returns once every page handed over is committed; rethrows the first failure. */
    void drain() {
        while (!inFlight.isEmpty()) {
            inFlight.removeFirst().forEach(ReplayLanes::join);
        }
    }

    private static void join(Future<?> page) {
        try {
            page.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while a page was written", e);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException failure ? failure : new IllegalStateException(e.getCause());
        }
    }

    /** Stops the lanes: nothing queued is written, and a page being written is waited for. */
    @Override
    public void close() {
        lanes.forEach(ExecutorService::shutdownNow);
        for (ExecutorService lane : lanes) {
            try {
                lane.awaitTermination(1, TimeUnit.MINUTES);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
