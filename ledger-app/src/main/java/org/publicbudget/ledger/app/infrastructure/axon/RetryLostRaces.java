package org.publicbudget.ledger.app.infrastructure.axon;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.commandhandling.gateway.RetryScheduler;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Two commands on one project at the same moment: both read version n, one appends
 * n + 1, the other hits the unique (aggregate, sequence) index. When the loser did not
 * name a version it expected, nothing it relied on has changed — it is run again
 * against the new state, which checks every rule once more. A command that named a
 * stale version fails its check on the retry and answers 409, as it should.
 *
 * <p>The same when two commands create one stream at once (a department's budget
 * coming into being with two of its first documents): the loser finds it made.
 *
 * <p>Not retried: inside a caller's transaction (a transfer's two sides, a request
 * with an idempotency key), which the failed append has already spoilt; the caller
 * answers 409 and the client retries the whole request.
 */
final class RetryLostRaces implements RetryScheduler {

    /** Another node may be working through a queue of commands on the same project; the loser keeps its turn this long. */
    static final int RETRIES = 10;

    private final Counter retried;

    RetryLostRaces(MeterRegistry meters) {
        this.retried = Counter.builder("ledger.commands.retried").description("Commands run again after losing a race to append")
                .register(meters);
    }

    @Override
    public boolean scheduleRetry(CommandMessage commandMessage, RuntimeException lastFailure,
            List<Class<? extends Throwable>[]> failures, Runnable commandDispatch) {
        if (failures.size() > RETRIES || !lostRace(lastFailure) || TransactionSynchronizationManager.isActualTransactionActive()) {
            return false;
        }
        try {
            // a little random wait, so that racing writers do not collide again in step
            Thread.sleep(ThreadLocalRandom.current().nextInt(1, 10 * failures.size() + 1));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
        retried.increment();
        commandDispatch.run();
        return true;
    }

    private static boolean lostRace(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof ConcurrencyException || cause instanceof AggregateStreamCreationException) {
                return true;
            }
        }
        return false;
    }
}
