package org.publicbudget.ledger.query.readmodel.projection;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.publicbudget.ledger.query.readmodel.Workers;
import org.springframework.scheduling.concurrent.CustomizableThreadFactory;

/**
 * Writes a replay's pages while the next one is read: one lane (a thread, one
 * transaction after another) per share of the departments, as the processor's segments
 * divide them, so no two lanes touch the same row and each lane keeps its events in
 * store order. At most two pages are in flight; {@link #drain} waits for all of them.
 */
final class ReplayLanes<T> implements AutoCloseable {

    private static final int PAGES_IN_FLIGHT = 2;

    private final List<ExecutorService> lanes = new ArrayList<>();
    private final Consumer<List<T>> write;
    private final Deque<List<Future<?>>> inFlight = new ArrayDeque<>();

    ReplayLanes(int count, Consumer<List<T>> write) {
        this.write = write;
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
            inFlight.removeFirst().forEach(Workers::join);
        }
    }

    /** Returns once every page handed over is committed; rethrows the first failure. */
    void drain() {
        while (!inFlight.isEmpty()) {
            inFlight.removeFirst().forEach(Workers::join);
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
