package org.publicbudget.ledger.query.readmodel;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.springframework.scheduling.concurrent.CustomizableThreadFactory;

/**
 * Threads for the work a rebuild divides by department — writing a replay's pages,
 * proving its departments — so that the database's work for one share overlaps the
 * JVM's for another: one per core, at most four.
 */
public final class Workers {

    static final int MOST = 4;

    private Workers() {
    }

    public static int count() {
        return Math.max(1, Math.min(MOST, Runtime.getRuntime().availableProcessors()));
    }

    /** A pool of {@link #count()} threads named {@code name-1}, {@code name-2}…; the caller shuts it down. */
    public static ExecutorService pool(String name) {
        return Executors.newFixedThreadPool(count(), new CustomizableThreadFactory(name + "-"));
    }

    /** What a worker gave; its failure rethrown on the caller's thread. */
    public static <T> T join(Future<T> work) {
        try {
            return work.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for a worker", e);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException failure ? failure : new IllegalStateException(e.getCause());
        }
    }
}
