package org.publicbudget.ledger.app.operations;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import org.axonframework.eventhandling.Segment;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.eventhandling.tokenstore.UnableToClaimTokenException;
import org.publicbudget.ledger.app.infrastructure.database.LeasedJobs;
import org.publicbudget.ledger.app.infrastructure.database.LedgerNode;
import org.publicbudget.ledger.app.infrastructure.database.StoreSize;
import org.publicbudget.ledger.query.history.EventReader;
import org.publicbudget.ledger.query.proof.LedgerVerification;
import org.publicbudget.ledger.query.readmodel.Table;
import org.publicbudget.ledger.query.readmodel.comparison.CopyComparison;
import org.publicbudget.ledger.query.readmodel.comparison.Differences;
import org.publicbudget.ledger.query.readmodel.projection.ReadModelCopies;
import org.publicbudget.ledger.query.readmodel.projection.Replay;
import org.publicbudget.ledger.query.totals.DepartmentSequencingPolicy;
import org.publicbudget.ledger.query.totals.TotalsProof;
import org.publicbudget.ledger.query.totals.TotalsReadModel;
import org.publicbudget.ledger.query.totals.TotalsTables;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.dao.PessimisticLockingFailureException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Carries out one rebuild of the totals read model — every table of it, current rows,
 * their history and the journal — on the node holding its lease.
 *
 * <ol>
 * <li>Wait until every live node has stopped its totals processor, then claim every
 *     segment in the token table, so no processor anywhere can move while we work.
 * <li>Replay all events into the other copy with the read model's one definition
 *     ({@link Replay}, a transaction per page); on the way, compare it with the live
 *     copy at exactly the positions its processor had reached.
 * <li>Prove the new copy: each department recomputed in memory from its own events
 *     ({@link TotalsProof}) must be what the copy holds. No switch otherwise.
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
    private static final String PROCESSOR = TotalsReadModel.NAME;
    private static final int SWITCH_ATTEMPTS = 100;

    private final TotalsReadModel model;
    private final DepartmentSequencingPolicy sequencing = new DepartmentSequencingPolicy();
    private final JdbcTemplate jdbc;
    private final TransactionTemplate transaction;
    private final TokenStore tokens;
    private final EventReader events;
    private final TotalsProof proof;
    private final LedgerVerification verification;
    private final Rebuilds rebuilds;
    private final LedgerNode node;
    private final ObjectMapper json;
    private final int pageSize;
    private final int segmentCount;

    public TotalsRebuild(TotalsReadModel model, JdbcTemplate jdbc, TransactionTemplate transaction, TokenStore tokens, EventReader events,
            TotalsProof proof, LedgerVerification verification, Rebuilds rebuilds, LedgerNode node, ObjectMapper json,
            @Value("${ledger.rebuild.page-size:5000}") int pageSize,
            @Value("${axon.eventhandling.processors.totals.initial-segment-count:2}") int segmentCount) {
        this.model = model;
        this.jdbc = jdbc;
        this.transaction = transaction;
        this.tokens = tokens;
        this.events = events;
        this.proof = proof;
        this.verification = verification;
        this.rebuilds = rebuilds;
        this.node = node;
        this.json = json;
        this.pageSize = pageSize;
        this.segmentCount = segmentCount;
    }

    public void run(long id) {
        AtomicReference<List<Integer>> claimed = new AtomicReference<>(List.of());
        try (LeasedJobs.Held lease = rebuilds.leases().hold(id, node.id(), () -> extendClaims(claimed.get()))) {
            rebuild(id, lease, claimed);
        }
    }

    private void rebuild(long id, LeasedJobs.Held lease, AtomicReference<List<Integer>> claimed) {
        try {
            String target = rebuilds.targetCopy(id);
            rebuilds.started(id, Rebuild.STOPPING, 0);
            waitForEveryNodeToStop(id, lease);
            Map<Segment, TrackingToken> oldTokens = claimEverySegment(lease);
            claimed.set(oldTokens.keySet().stream().map(Segment::getSegmentId).toList());
            rebuilds.started(id, Rebuild.REPLAYING, StoreSize.newestPosition(jdbc));

            String live = ReadModelCopies.active(jdbc, model);
            ReadModelCopies.empty(jdbc, model, target);
            long started = System.nanoTime();
            AtomicReference<Differences> before = new AtomicReference<>();
            Replay.Result replayed = new Replay(model, events, sequencing, jdbc, transaction, pageSize).run(target, oldTokens,
                    () -> before.set(CopyComparison.compare(jdbc, model, live, target)),
                    progress -> {
                        lease.failIfLost();
                        long nanos = Math.max(1, System.nanoTime() - started);
                        rebuilds.progress(id, progress.events(), progress.events() * 1_000_000_000L / nanos, progress.position());
                    });
            long replayNanos = System.nanoTime() - started;

            rebuilds.state(id, Rebuild.PROVING);
            long proving = System.nanoTime();
            TotalsProof.Result proven = proof.prove(target, replayed.position(), replayed::covers, done -> lease.failIfLost());
            boolean matches = proven.differences().none() && proven.events() == replayed.events();
            ObjectNode report = proof(target, replayed, before.get(), proven, matches, replayNanos);
            report.put("proofSeconds", (System.nanoTime() - proving) / 1e9);
            verification.readModelsProven(matches);
            if (!matches) {
                rebuilds.finish(id, Rebuild.FAILED, report, "the new copy is not what the events say; nothing was switched");
                return;
            }
            rebuilds.state(id, Rebuild.WRITING);
            analyse(target);
            switchTo(target, oldTokens.keySet(), replayed.token(), () -> rebuilds.finish(id, Rebuild.DONE, report, null), lease);
            release(claimed.getAndSet(List.of()));
            ReadModelCopies.empty(jdbc, model, live);
            log.info("Rebuilt the {} read model into copy {}: {} events, {} departments proven, {} differences from before",
                    model.name(), target, replayed.events(), proven.departments(), before.get().count());
        } catch (LeasedJobs.LeaseLost e) {
            log.warn("Rebuild {} was taken over by another node", id);
        } catch (RuntimeException e) {
            log.error("Rebuild {} failed", id, e);
            rebuilds.finish(id, Rebuild.FAILED, null, e.getClass().getSimpleName() + ": " + e.getMessage());
        } finally {
            release(claimed.get());
        }
    }

    /**
     * Moves the tokens and points the views at the new copy in one transaction. Readers
     * in the way make the switch give way rather than wait (see {@link ReadModelCopies#activate});
     * it is tried again until they have passed, for at most {@link #SWITCH_ATTEMPTS} times.
     */
    private void switchTo(String target, Set<Segment> segments, TrackingToken position, Runnable done, LeasedJobs.Held lease) {
        for (int attempt = 1; ; attempt++) {
            lease.failIfLost();
            try {
                transaction.executeWithoutResult(status -> {
                    for (Segment segment : segments) {
                        tokens.storeToken(position, PROCESSOR, segment.getSegmentId());
                    }
                    ReadModelCopies.activate(jdbc, model, target);
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

    /** The new copy comes with fresh planner statistics: it was empty when the last were taken. */
    private void analyse(String copy) {
        if (ReadModelCopies.onPostgres(jdbc)) {
            model.tables().forEach(table -> jdbc.execute("ANALYZE " + table.in(copy)));
        }
    }

    private void waitForEveryNodeToStop(long id, LeasedJobs.Held lease) {
        while (!rebuilds.nodesStillRunning(id).isEmpty()) {
            lease.failIfLost();
            pause(Duration.ofMillis(200));
        }
    }

    /**
     * Claims every segment of the processor. A node killed a moment ago may still hold
     * a claim; it lapses after the token store's claim timeout, so keep trying.
     */
    private Map<Segment, TrackingToken> claimEverySegment(LeasedJobs.Held lease) {
        transaction.executeWithoutResult(status -> {
            if (tokens.fetchSegments(PROCESSOR).length == 0) {
                tokens.initializeTokenSegments(PROCESSOR, segmentCount);
            }
        });
        Map<Segment, TrackingToken> claimed = new LinkedHashMap<>();
        while (true) {
            lease.failIfLost();
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

    /** Keeps the processor's segments this node claimed for the rebuild, renewed with its lease. */
    private void extendClaims(List<Integer> segments) {
        transaction.executeWithoutResult(status -> segments.forEach(segment -> tokens.extendClaim(PROCESSOR, segment)));
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

    /**
     * What the rebuild proves. {@code identicalToBefore}: the new copy, at the positions the
     * stopped processor had reached, equals the live copy row for row (expected to differ
     * when the rebuild was meant to fix something; the first 50 {@code differences}).
     * {@code matchesEvents}: every department of the new copy, recomputed in memory from
     * its own events, is what the copy holds, and every replayed event was proven.
     */
    private ObjectNode proof(String target, Replay.Result replayed, Differences before, TotalsProof.Result proven, boolean matches,
            long replayNanos) {
        ObjectNode proof = json.createObjectNode();
        proof.put("position", replayed.position());
        proof.put("events", replayed.events());
        proof.put("replaySeconds", replayNanos / 1e9);
        proof.put("projects", jdbc.queryForObject("SELECT COUNT(*) FROM " + TotalsTables.PROJECT.in(target), Long.class));
        long rows = 0;
        for (Table table : model.tables()) {
            rows += jdbc.queryForObject("SELECT COUNT(*) FROM " + table.in(target), Long.class);
        }
        proof.put("rowsWritten", rows);
        proof.put("departmentsProven", proven.departments());
        proof.put("eventsProven", proven.events());
        proof.put("matchesEvents", matches);
        proof.put("differencesFromEvents", proven.differences().count());
        proof.set("differencesFromEventsFirst", json.valueToTree(proven.differences().first()));
        proof.put("identicalToBefore", before.none());
        proof.put("differencesFromBefore", before.count());
        proof.set("differences", json.valueToTree(before.first()));
        return proof;
    }

    private static void pause(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LeasedJobs.LeaseLost();
        }
    }
}
