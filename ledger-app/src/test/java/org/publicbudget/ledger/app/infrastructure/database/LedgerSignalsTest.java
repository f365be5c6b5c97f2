package org.publicbudget.ledger.app.infrastructure.database;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Processors are woken at once when the ledger is quiet, and a burst of commits wakes them a few times, never once per commit. */
class LedgerSignalsTest {

    private final LedgerSignals signals = new LedgerSignals();
    private final AtomicInteger wakes = new AtomicInteger();

    @AfterEach
    void stop() {
        signals.stop();
    }

    @Test
    void aQuietLedgerWakesItsProcessorsAtOnce() throws Exception {
        signals.onEvents(wakes::incrementAndGet);

        signals.eventsArrived();

        assertThat(wakes.get()).as("woken in the committing thread, before eventsArrived returns").isEqualTo(1);
    }

    @Test
    void aBurstOfCommitsIsGatheredAndItsLastCommitIsNeverLeftAsleep() throws Exception {
        signals.onEvents(wakes::incrementAndGet);

        long start = System.nanoTime();
        for (int i = 0; i < 1_000; i++) {
            signals.eventsArrived();
        }
        long burstMillis = (System.nanoTime() - start) / 1_000_000;

        // one wake at once, and one more after the burst, for the commits that came after the first
        await().atMost(Duration.ofSeconds(2)).until(() -> wakes.get() >= 2);
        Thread.sleep(100);
        assertThat(wakes.get()).as("1,000 commits in %d ms", burstMillis).isBetween(2, 2 + (int) (burstMillis / 10) + 1);
    }
}
