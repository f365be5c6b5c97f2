package org.publicbudget.ledger.app.audit.verification;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.publicbudget.ledger.app.infrastructure.database.LedgerNode;
import org.publicbudget.ledger.query.proof.LedgerVerification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Keeps verification current: every few seconds the events appended since are checked
 * against the chain (so that an auditor's request has little left to do), and a full
 * verification nobody carries out — just asked for, or its node died — is taken on.
 */
@Component
public class VerificationSchedule implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(VerificationSchedule.class);

    private final LedgerVerification verification;
    private final Verifications runs;
    private final VerificationJob job;
    private final LedgerNode node;
    private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> new Thread(r, "full-verification"));
    private Future<?> running;
    private final AtomicInteger chainIntact = new AtomicInteger(1);

    public VerificationSchedule(LedgerVerification verification, Verifications runs, VerificationJob job, LedgerNode node,
            MeterRegistry meters) {
        Gauge.builder("ledger.verification.chain.intact", chainIntact, AtomicInteger::get)
                .description("1 while the chain checks out up to the newest event (checked every few seconds), 0 once it does not")
                .register(meters);
        this.verification = verification;
        this.runs = runs;
        this.job = job;
        this.node = node;
    }

    @Scheduled(fixedDelayString = "${ledger.verification.every:PT5S}", initialDelayString = "${ledger.verification.every:PT5S}")
    public void verifyNewEvents() {
        try {
            chainIntact.set(verification.verifyNew().chainIntact() ? 1 : 0);
        } catch (RuntimeException e) {
            log.warn("Verifying the newest events: {}", e.getMessage());
        }
    }

    @Scheduled(fixedDelay = 1000)
    public void carryOutRequested() {
        try {
            runs.active().ifPresent(run -> {
                boolean busy = running != null && !running.isDone();
                if (!busy && runs.leases().take(run.id(), node.id())) {
                    log.info("Carrying out verification {} (attempt {})", run.id(), run.attempts() + 1);
                    running = worker.submit(() -> job.run(run.id()));
                }
            });
        } catch (RuntimeException e) {
            log.warn("Verification schedule: {}", e.getMessage());
        }
    }

    @Override
    public void destroy() {
        worker.shutdownNow();
    }
}
