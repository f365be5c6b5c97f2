package org.publicbudget.ledger.app.infrastructure.axon;

import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;
import org.axonframework.common.lock.LockAcquisitionFailedException;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Work of several commands in one transaction (a transfer's two sides) that lost a race
 * to append: run again whole, as a single command is run again ({@link RetryLostRaces}),
 * when it named no version it expected — nothing it relied on has changed, and every
 * rule is checked once more against the new state. Not inside a caller's transaction
 * (a request with an idempotency key), which the failed append has already spoilt: that
 * one answers 409 and the client sends it again.
 */
public final class LostRaces {

    private LostRaces() {
    }

    /** Whether {@code failure} is another writer having appended first (or made the same stream first). */
    public static boolean lost(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof ConcurrencyException || cause instanceof AggregateStreamCreationException) {
                return true;
            }
        }
        return false;
    }

    /** {@code work}, run again (up to {@value RetryLostRaces#RETRIES} times) while it loses races; it must open its own transaction. */
    public static <T> T retried(Supplier<T> work) {
        if (TransactionSynchronizationManager.isActualTransactionActive()) {
            return work.get();
        }
        for (int attempt = 1; ; attempt++) {
            try {
                return work.get();
            } catch (RuntimeException e) {
                if (attempt > RetryLostRaces.RETRIES || !(lost(e) || e instanceof LockAcquisitionFailedException)) {
                    throw e;
                }
                pause(attempt);
            }
        }
    }

    /** A little random wait, so that racing writers do not collide again in step. */
    static void pause(int attempt) {
        try {
            Thread.sleep(ThreadLocalRandom.current().nextInt(1, 10 * attempt + 1));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting to run a command again", e);
        }
    }
}
