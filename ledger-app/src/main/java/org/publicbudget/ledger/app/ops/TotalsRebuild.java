package org.publicbudget.ledger.app.ops;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.axonframework.eventhandling.Segment;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.eventhandling.tokenstore.UnableToClaimTokenException;
import org.publicbudget.ledger.app.config.LedgerNode;
import org.publicbudget.ledger.query.history.EventReader;
import org.publicbudget.ledger.query.totals.CopyComparison;
import org.publicbudget.ledger.query.totals.CopyWriter;
import org.publicbudget.ledger.query.totals.TotalsProjection;
import org.publicbudget.ledger.query.totals.TotalsReplay;
import org.publicbudget.ledger.query.totals.TotalsTables;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.dao.PessimisticLockingFailureException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Carries out one rebuild of the totals read model, on the node holding its lease.
 *
 * <ol>
 * <li>Wait until every live node has stopped its totals processor, then claim every
 *     segment in the token table, so no processor anywhere can move while we work.
 * <li>Replay all events into memory ({@link TotalsReplay}); on the way, compare with
 *     the live copy at exactly the positions its processor had reached.
 * <li>Write the result into the other copy and read it back against the replay.
 * <li>In one transaction: move every segment's token to where the replay ended,
 *     point the views at the new copy. Release the segments; the processors resume
 *     from there, into the new copy. Empty the old copy.
 * </ol>
 *
 * A crash at any step leaves the live copy and the tokens as they were; the lease
 * runs out, and this or another node starts the rebuild again from step 1.
 */
@Component
public class TotalsRebuild {

    private static final Logger log = LoggerFactory.getLogger(TotalsRebuild.class);
    private static final String PROCESSOR = TotalsProjection.PROCESSOR;
    private static final int SWITCH_ATTEMPTS = 100;

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transaction;
    private final TokenStore tokens;
    private final EventReader events;
    private final Rebuilds rebuilds;
    private final LedgerNode node;
    private final ObjectMapper json;
    private final int pageSize;
    private final int segmentCount;

    public TotalsRebuild(JdbcTemplate jdbc, TransactionTemplate transaction, TokenStore tokens, EventReader events, Rebuilds rebuilds,
            LedgerNode node, ObjectMapper json, @Value("${ledger.rebuild.page-size:5000}") int pageSize,
            @Value("${axon.eventhandling.processors.totals.initial-segment-count:4}") int segmentCount) {
        this.jdbc = jdbc;
        this.transaction = transaction;
        this.tokens = tokens;
        this.events = events;
        this.rebuilds = rebuilds;
        this.node = node;
        this.json = json;
        this.pageSize = pageSize;
        this.segmentCount = segmentCount;
    }

    public void run(long id) {
        AtomicBoolean leaseLost = new AtomicBoolean();
        AtomicReference<List<Integer>> claimed = new AtomicReference<>(List.of());
        ScheduledExecutorService keepAlive = Executors.newSingleThreadScheduledExecutor(r -> new Thread(r, "rebuild-lease-" + id));
        keepAlive.scheduleWithFixedDelay(() -> keepAlive(id, claimed.get(), leaseLost), 2, 2, TimeUnit.SECONDS);
        try {
            String target = rebuilds.targetCopy(id);
            rebuilds.started(id, Rebuild.STOPPING, 0);
            waitForEveryNodeToStop(id, leaseLost);
            Map<Segment, TrackingToken> oldTokens = claimEverySegment(leaseLost);
            claimed.set(oldTokens.keySet().stream().map(Segment::getSegmentId).toList());
            rebuilds.started(id, Rebuild.REPLAYING, jdbc.queryForObject("SELECT COUNT(*) FROM domainevententry", Long.class));

            String live = TotalsTables.activeCopy(jdbc);
            TotalsTables.empty(jdbc, target);
            long started = System.nanoTime();
            AtomicReference<CopyComparison.Differences> before = new AtomicReference<>();
            TotalsReplay.Result replayed = new TotalsReplay(events, pageSize).run(oldTokens,
                    fold -> before.set(CopyComparison.compare(jdbc, live, fold::rows)),
                    progress -> {
                        failIfLost(leaseLost);
                        long nanos = Math.max(1, System.nanoTime() - started);
                        rebuilds.progress(id, progress.events(), progress.events() * 1_000_000_000L / nanos, progress.position());
                    });
            long replayNanos = System.nanoTime() - started;

            rebuilds.state(id, Rebuild.WRITING);
            long rows = CopyWriter.write(jdbc, target, replayed.fold()::rows);
            CopyComparison.Differences written = CopyComparison.compare(jdbc, target, replayed.fold()::rows);
            ObjectNode proof = proof(replayed, rows, before.get(), written, replayNanos);
            if (!written.none()) {
                rebuilds.finish(id, Rebuild.FAILED, proof, "the new copy does not read back as written; nothing was switched");
                return;
            }
            switchTo(target, oldTokens.keySet(), replayed.token(), () -> rebuilds.finish(id, Rebuild.DONE, proof, null), leaseLost);
            release(claimed.getAndSet(List.of()));
            TotalsTables.empty(jdbc, live);
            log.info("Rebuilt the totals read model into copy {}: {} events, {} rows, {} differences from before",
                    target, replayed.events(), rows, before.get().count());
        } catch (LeaseLost e) {
            log.warn("Rebuild {} was taken over by another node", id);
        } catch (RuntimeException e) {
            log.error("Rebuild {} failed", id, e);
            rebuilds.finish(id, Rebuild.FAILED, null, e.getClass().getSimpleName() + ": " + e.getMessage());
        } finally {
            keepAlive.shutdownNow();
            release(claimed.get());
        }
    }

    /**
     * Moves the tokens and points the views at the new copy in one transaction. Readers
     * in the way make the switch give way rather than wait (see {@link TotalsTables#activate});
     * it is tried again until they have passed, for at most {@link #SWITCH_ATTEMPTS} times.
     */
    private void switchTo(String target, Set<Segment> segments, TrackingToken position, Runnable done, AtomicBoolean leaseLost) {
        for (int attempt = 1; ; attempt++) {
            failIfLost(leaseLost);
            try {
                transaction.executeWithoutResult(status -> {
                    for (Segment segment : segments) {
                        tokens.storeToken(position, PROCESSOR, segment.getSegmentId());
                    }
                    TotalsTables.activate(jdbc, target);
                    done.run();
                });
                return;
            } catch (PessimisticLockingFailureException readersInTheWay) {
                if (attempt == SWITCH_ATTEMPTS) {
                    throw new IllegalStateException("readers held the views through " + SWITCH_ATTEMPTS
                            + " attempts to switch; nothing was switched", readersInTheWay);
                }
                pause(Duration.ofMillis(50));
            }
        }
    }

    private void waitForEveryNodeToStop(long id, AtomicBoolean leaseLost) {
        while (!rebuilds.nodesStillRunning(id).isEmpty()) {
            failIfLost(leaseLost);
            pause(Duration.ofMillis(200));
        }
    }

    /**
     * Claims every segment of the processor. A node killed a moment ago may still hold
     * a claim; it lapses after the token store's claim timeout, so keep trying.
     */
    private Map<Segment, TrackingToken> claimEverySegment(AtomicBoolean leaseLost) {
        transaction.executeWithoutResult(status -> {
            if (tokens.fetchSegments(PROCESSOR).length == 0) {
                tokens.initializeTokenSegments(PROCESSOR, segmentCount);
            }
        });
        Map<Segment, TrackingToken> claimed = new LinkedHashMap<>();
        while (true) {
            failIfLost(leaseLost);
            try {
                transaction.executeWithoutResult(status -> {
                    int[] ids = tokens.fetchSegments(PROCESSOR);
                    for (int segmentId : ids) {
                        claimed.put(Segment.computeSegment(segmentId, ids), tokens.fetchToken(PROCESSOR, segmentId));
                    }
                });
                return claimed;
            } catch (UnableToClaimTokenException stillHeld) {
                release(claimed.keySet().stream().map(Segment::getSegmentId).toList());
                claimed.clear();
                pause(Duration.ofSeconds(1));
            }
        }
    }

    private void keepAlive(long id, List<Integer> segments, AtomicBoolean leaseLost) {
        try {
            if (!rebuilds.renewLease(id, node.id())) {
                leaseLost.set(true);
                return;
            }
            transaction.executeWithoutResult(status -> segments.forEach(segment -> tokens.extendClaim(PROCESSOR, segment)));
        } catch (RuntimeException e) {
            log.warn("Could not renew the lease of rebuild {}: {}", id, e.getMessage());
        }
    }

    private void release(List<Integer> segments) {
        for (int segment : segments) {
            try {
                transaction.executeWithoutResult(status -> tokens.releaseClaim(PROCESSOR, segment));
            } catch (RuntimeException e) {
                log.warn("Could not release segment {}: {}", segment, e.getMessage());
            }
        }
    }

    private ObjectNode proof(TotalsReplay.Result replayed, long rows, CopyComparison.Differences before,
            CopyComparison.Differences written, long replayNanos) {
        ObjectNode proof = json.createObjectNode();
        proof.put("position", replayed.position());
        proof.put("events", replayed.events());
        proof.put("replaySeconds", replayNanos / 1e9);
        proof.put("projects", replayed.fold().projects());
        proof.put("rowsWritten", rows);
        proof.put("matchesEvents", written.none());
        proof.put("differencesFromEvents", written.count());
        proof.put("identicalToBefore", before.none());
        proof.put("differencesFromBefore", before.count());
        proof.set("differences", json.valueToTree(before.first()));
        return proof;
    }

    private static void failIfLost(AtomicBoolean leaseLost) {
        if (leaseLost.get()) {
            throw new LeaseLost();
        }
    }

    private static void pause(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LeaseLost();
        }
    }

    private static final class LeaseLost extends RuntimeException {
    }
}
