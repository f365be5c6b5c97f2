package org.publicbudget.ledger.app.audit.verification;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.publicbudget.ledger.app.infrastructure.database.LeasedJobs;
import org.publicbudget.ledger.app.infrastructure.database.LedgerNode;
import org.publicbudget.ledger.app.infrastructure.database.StoreSize;
import org.publicbudget.ledger.query.proof.LedgerVerification;
import org.publicbudget.ledger.query.proof.VerificationReport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Carries out one full verification on the node holding its lease: the whole store
 * against the chain and the checkpoints, then every read-model row against the events.
 * Progress is recorded as it goes; the report replaces what was known.
 */
@Component
public class VerificationJob {

    private static final Logger log = LoggerFactory.getLogger(VerificationJob.class);

    private final LedgerVerification verification;
    private final Verifications runs;
    private final LedgerNode node;
    private final JdbcTemplate jdbc;

    public VerificationJob(LedgerVerification verification, Verifications runs, LedgerNode node, JdbcTemplate jdbc) {
        this.verification = verification;
        this.runs = runs;
        this.node = node;
        this.jdbc = jdbc;
    }

    public void run(long id) {
        try (LeasedJobs.Held lease = runs.leases().hold(id, node.id(), () -> { })) {
            work(id, lease);
        }
    }

    private void work(long id, LeasedJobs.Held lease) {
        try {
            // the chain walk covers every event, the proof every event again
            long events = StoreSize.newestPosition(jdbc);
            runs.started(id, 2 * events);
            long started = System.nanoTime();
            VerificationReport report = verification.verifyAll(events, done -> {
                lease.failIfLost();
                long nanos = Math.max(1, System.nanoTime() - started);
                runs.progress(id, done, done * 1_000_000_000L / nanos);
            });
            verification.finished(id);
            runs.finish(id, VerificationRun.DONE, report, null);
            log.info("Verification {}: {} events, chain intact {}, read models match {}", id, report.eventsChecked(), report.chainIntact(),
                    report.readModelsMatch());
        } catch (LeasedJobs.LeaseLost e) {
            log.warn("Verification {} was taken over by another node", id);
        } catch (RuntimeException e) {
            log.error("Verification {} failed", id, e);
            runs.finish(id, VerificationRun.FAILED, null, e.getClass().getSimpleName() + ": " + e.getMessage());
        }
    }
}
