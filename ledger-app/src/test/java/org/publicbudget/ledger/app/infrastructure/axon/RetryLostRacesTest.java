package org.publicbudget.ledger.app.infrastructure.axon;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.modelling.command.ConcurrencyException;
import org.axonframework.modelling.command.ConflictingAggregateVersionException;
import org.junit.jupiter.api.Test;

/** A command that lost a race to append runs again, and is counted; one that named a stale version is not run again. */
class RetryLostRacesTest {

    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final RetryLostRaces retries = new RetryLostRaces(meters);
    private final AtomicInteger dispatched = new AtomicInteger();

    @Test
    void aLostRaceRunsAgainAndIsCounted() {
        List<Class<? extends Throwable>[]> failures = new ArrayList<>();
        failures.add(chain(ConcurrencyException.class));

        boolean retried = retries.scheduleRetry(GenericCommandMessage.asCommandMessage("revise"), new ConcurrencyException("sequence taken"),
                failures, dispatched::incrementAndGet);

        assertThat(retried).isTrue();
        assertThat(dispatched).hasValue(1);
        assertThat(meters.counter("ledger.commands.retried").count()).isEqualTo(1);
    }

    @Test
    void aStaleExpectedVersionIsNotRunAgain() {
        List<Class<? extends Throwable>[]> failures = new ArrayList<>();
        failures.add(chain(ConflictingAggregateVersionException.class));

        boolean retried = retries.scheduleRetry(GenericCommandMessage.asCommandMessage("revise"),
                new ConflictingAggregateVersionException("p", 3, 5), failures, dispatched::incrementAndGet);

        assertThat(retried).isFalse();
        assertThat(dispatched).hasValue(0);
        assertThat(meters.counter("ledger.commands.retried").count()).isZero();
    }

    @SuppressWarnings("unchecked")
    private static Class<? extends Throwable>[] chain(Class<? extends Throwable> failure) {
        return new Class[] {failure};
    }
}
