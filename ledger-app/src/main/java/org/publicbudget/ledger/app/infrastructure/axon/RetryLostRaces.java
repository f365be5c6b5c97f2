package org.publicbudget.ledger.app.infrastructure.axon;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.List;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.commandhandling.gateway.RetryScheduler;
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
 * <p>Not retried here: inside a caller's transaction (a transfer's two sides, a request
 * with an idempotency key), which the failed append has already spoilt; a transfer is
 * run again whole ({@link LostRaces}), a keyed request answers 409 and the client retries it.
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
        if (failures.size() > RETRIES || !LostRaces.lost(lastFailure) || TransactionSynchronizationManager.isActualTransactionActive()) {
            return false;
        }
        try {
            LostRaces.pause(failures.size());
        } catch (IllegalStateException interrupted) {
            return false;
        }
        retried.increment();
        commandDispatch.run();
        return true;
    }
}
