package org.publicbudget.ledger.query.proof;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.LongConsumer;
import org.publicbudget.ledger.query.readmodel.comparison.Differences;
import org.publicbudget.ledger.query.readmodel.projection.ReadModelCopies;
import org.publicbudget.ledger.query.totals.TotalsProof;
import org.publicbudget.ledger.query.totals.TotalsReadModel;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Verification of the ledger, kept as it goes. What has been verified is recorded
 * (the position up to which every event was checked against the chain, and what was
 * found), so an auditor's request checks only the events since ({@link #verifyNew});
 * a full walk of the store — every event, every checkpoint, every read-model row
 * recomputed from the events — is an operator's job with progress ({@link #verifyAll}).
 *
 * <p>Positions of transactions still open when a step ran are gaps below the verified
 * position; they are looked at again by later steps, and forgotten after a minute
 * (the longest a ledger transaction lasts; an import that rolled back leaves such
 * holes for good).
 */
public class LedgerVerification {

    /** An auditor's request checks at most this many new events; the rest wait for the next request. */
    public static final int MAX_EVENTS_PER_REQUEST = 50_000;
    private static final long GAP_SECONDS = 60;
    private static final int PROOF_ATTEMPTS = 3;

    private record State(long verifiedTo, Map<Long, Long> gaps, long events, long streams, Boolean readModelsMatch,
            Instant readModelsCheckedAt, Long fullVerification, Instant fullFinishedAt) {
    }

    private record Found(long position, VerificationReport.Problem problem) {
    }

    private final JdbcTemplate jdbc;
    private final JdbcTemplate streaming;
    private final TransactionTemplate transaction;
    private final TransactionTemplate snapshot;
    private final Checkpoints checkpoints;
    private final TotalsProof proof;

    public LedgerVerification(JdbcTemplate jdbc, PlatformTransactionManager transactions, Checkpoints checkpoints, TotalsProof proof) {
        this.jdbc = jdbc;
        this.streaming = new JdbcTemplate(jdbc.getDataSource());
        this.streaming.setFetchSize(5_000);
        this.transaction = new TransactionTemplate(transactions);
        this.snapshot = new TransactionTemplate(transactions);
        this.snapshot.setIsolationLevel(TransactionDefinition.ISOLATION_REPEATABLE_READ);
        this.snapshot.setReadOnly(true);
        this.checkpoints = checkpoints;
        this.proof = proof;
    }

    /**
     * What is verified, after checking the events appended since the last step (at most
     * {@value #MAX_EVENTS_PER_REQUEST}). One step at a time on a node: others wait here
     * rather than hold a database connection while the row lock keeps them waiting.
     */
    public VerificationReport verifyNew() {
        synchronized (this) {
            return transaction.execute(status -> checkNew());
        }
    }

    private VerificationReport checkNew() {
        State state = lockState();
        long head = head();
        long upTo = Math.min(head, state.verifiedTo() + MAX_EVENTS_PER_REQUEST);
        List<Found> found = new ArrayList<>();
        ChainCheck.Counts counts = ChainCheck.check(jdbc, state.verifiedTo(), upTo, state.gaps().keySet(), true,
                (position, problem) -> found.add(new Found(position, problem)));
        long verifiedTo = Math.max(state.verifiedTo(), counts.newest());
        Set<Long> met = new HashSet<>(counts.positions());
        long now = Instant.now().getEpochSecond();
        Map<Long, Long> gaps = new LinkedHashMap<>();
        state.gaps().forEach((position, since) -> {
            if (!met.contains(position) && now - since < GAP_SECONDS) {
                gaps.put(position, since);
            }
        });
        for (long position = state.verifiedTo() + 1; position < verifiedTo; position++) {
            if (!met.contains(position)) {
                gaps.put(position, now);
            }
        }
        store(found);
        jdbc.update("UPDATE verification_state SET verified_to = ?, gaps = ?, events_checked = events_checked + ?, "
                        + "streams_checked = streams_checked + ?, updated_at = ? WHERE id = 1", verifiedTo, gapText(gaps),
                counts.events(), counts.streams(), Timestamp.from(Instant.now()));
        return report(readState(), counts.events(), Math.max(0, head - verifiedTo));
    }

    /**
     * What is verified, without checking anything new or writing anything: the newest
     * events are checked on the ledger's schedule. {@code unverifiedEvents} counts the
     * positions after the last verified one (an upper bound: a rolled-back append leaves
     * a position unused), read from the newest position rather than by counting the store.
     */
    public VerificationReport lastKnown() {
        State state = readState();
        return report(state, 0, Math.max(0, head() - state.verifiedTo()));
    }

    /**
     * Walks the whole store: every event against the chain, every checkpoint, every row
     * of the read model against a recomputation from the events, one department at a
     * time. {@code progress} hears the events done (the chain walk first, then the
     * proof). What it finds replaces what earlier steps found up to the position it
     * reached.
     */
    public VerificationReport verifyAll(long eventsTotal, LongConsumer progress) {
        long head = head();
        List<Found> found = new ArrayList<>();
        long[] chain = new long[2];
        transaction.executeWithoutResult(status -> {
            ChainCheck.Counts counts = ChainCheck.check(streaming, -1, head, List.of(), false, (position, problem) -> {
                found.add(new Found(position, problem));
            });
            chain[0] = counts.events();
            chain[1] = counts.streams();
        });
        progress.accept(chain[0]);
        checkpoints.check().forEach(problem -> found.add(new Found(problem.sequence(), problem)));
        int before = found.size();
        Differences differences = proveReadModels(done -> progress.accept(chain[0] + done), found);
        boolean proven = differences.none() && found.subList(before, found.size()).isEmpty();
        differences.first().forEach(d -> found.add(new Found(-1, new VerificationReport.Problem("READ_MODEL_MISMATCH", d.id(), null,
                d.table() + " " + d.key() + ": the read model shows " + (d.found() == null ? "nothing" : d.found())
                        + ", the events say " + (d.expected() == null ? "nothing" : d.expected())))));
        return transaction.execute(status -> {
            State state = lockState();
            jdbc.update("DELETE FROM verification_problem WHERE position <= ?", head);
            store(found);
            long verifiedTo = Math.max(state.verifiedTo(), head);
            // the walk just counted them: no second pass over the store
            long events = chain[0];
            long streams = chain[1];
            jdbc.update("UPDATE verification_state SET verified_to = ?, events_checked = ?, streams_checked = ?, read_models_match = ?, "
                    + "read_models_checked_at = ?, updated_at = ? WHERE id = 1", verifiedTo, events, streams, proven,
                    OffsetDateTime.now(ZoneOffset.UTC), Timestamp.from(Instant.now()));
            return report(readState(), chain[0], 0);
        });
    }

    /** Records the id and end of a full verification, for the reports that follow it. */
    public void finished(long run) {
        jdbc.update("UPDATE verification_state SET full_verification = ?, full_finished_at = ? WHERE id = 1", run,
                OffsetDateTime.now(ZoneOffset.UTC));
    }

    /** A rebuild proved (or disproved) a new copy of the read models against the events. */
    public void readModelsProven(boolean match) {
        jdbc.update("UPDATE verification_state SET read_models_match = ?, read_models_checked_at = ? WHERE id = 1", match,
                OffsetDateTime.now(ZoneOffset.UTC));
        if (match) {
            jdbc.update("DELETE FROM verification_problem WHERE kind = 'READ_MODEL_MISMATCH'");
        }
    }

    /**
     * Every department of the copy readers see, each read in one snapshot and compared
     * with its events; one the projection was writing at that moment is looked at again.
     */
    private Differences proveReadModels(LongConsumer eventsDone, List<Found> found) {
        String copy = ReadModelCopies.active(jdbc, new TotalsReadModel());
        Differences all = new Differences();
        long[] done = {0};
        String after = "";
        while (true) {
            List<String> page = jdbc.queryForList("SELECT department_id FROM budget_department WHERE department_id > ? "
                    + "ORDER BY department_id LIMIT 100", String.class, after);
            for (String departmentId : page) {
                TotalsProof.Result result = null;
                for (int attempt = 1; attempt <= PROOF_ATTEMPTS; attempt++) {
                    result = snapshot.execute(status -> proof.proveDepartment(copy, departmentId, -1, position -> true));
                    if (result.differences().none()) {
                        break;
                    }
                    pause();
                }
                all.addPart(result.differences());
                // its stored bytes no longer read as its type: named, and the other departments are still proven
                result.unreadable().forEach(u -> found.add(new Found(u.position(), new VerificationReport.Problem("UNREADABLE_EVENT",
                        u.aggregateId(), u.sequence(), "the event at position " + u.position() + " no longer reads as its type ("
                                + u.reason() + "): the read model cannot be proven against it"))));
                done[0] += result.events();
                eventsDone.accept(done[0]);
            }
            if (page.size() < 100) {
                return all;
            }
            after = page.get(page.size() - 1);
        }
    }

    private long head() {
        Long head = jdbc.queryForObject("SELECT MAX(globalIndex) FROM domainevententry", Long.class);
        return head == null ? 0 : head;
    }

    private State lockState() {
        jdbc.queryForObject("SELECT id FROM verification_state WHERE id = 1 FOR UPDATE", Integer.class);
        return readState();
    }

    private State readState() {
        return jdbc.queryForObject("SELECT verified_to, gaps, events_checked, streams_checked, read_models_match, read_models_checked_at, "
                + "full_verification, full_finished_at FROM verification_state WHERE id = 1", (rs, i) -> {
                    OffsetDateTime checkedAt = rs.getObject(6, OffsetDateTime.class);
                    OffsetDateTime fullAt = rs.getObject(8, OffsetDateTime.class);
                    return new State(rs.getLong(1), gaps(rs.getString(2)), rs.getLong(3), rs.getLong(4),
                            (Boolean) rs.getObject(5), checkedAt == null ? null : checkedAt.toInstant(), (Long) rs.getObject(7, Long.class),
                            fullAt == null ? null : fullAt.toInstant());
                });
    }

    private VerificationReport report(State state, long checkedNow, long unverified) {
        List<VerificationReport.Problem> problems = jdbc.query("SELECT kind, aggregate_id, sequence_number, message FROM verification_problem "
                + "ORDER BY id LIMIT 1000", (rs, i) -> new VerificationReport.Problem(rs.getString(1), rs.getString(2),
                (Long) rs.getObject(3, Long.class), rs.getString(4)));
        // an event that does not read as its type may be an upcaster's fault, not tampering: the chain check names any change of bytes
        boolean chainIntact = problems.stream().allMatch(p -> p.kind().equals("READ_MODEL_MISMATCH") || p.kind().equals("UNREADABLE_EVENT"));
        return new VerificationReport(state.events(), state.streams(), chainIntact, problems, state.readModelsMatch(), state.verifiedTo(),
                checkedNow, unverified, state.readModelsCheckedAt(), state.fullVerification(), state.fullFinishedAt());
    }

    private void store(List<Found> found) {
        Timestamp now = Timestamp.from(Instant.now());
        jdbc.batchUpdate("INSERT INTO verification_problem (kind, aggregate_id, sequence_number, message, position, found_at) "
                + "VALUES (?, ?, ?, ?, ?, ?)", found.stream().map(f -> new Object[] {f.problem().kind(), f.problem().aggregateId(),
                f.problem().sequence(), f.problem().message(), f.position(), now}).toList());
    }

    private static Map<Long, Long> gaps(String text) {
        Map<Long, Long> gaps = new LinkedHashMap<>();
        Arrays.stream(text.split(",")).filter(s -> !s.isBlank()).forEach(gap -> {
            String[] parts = gap.split(":");
            gaps.put(Long.parseLong(parts[0]), Long.parseLong(parts[1]));
        });
        return gaps;
    }

    private static String gapText(Map<Long, Long> gaps) {
        return String.join(",", gaps.entrySet().stream().map(e -> e.getKey() + ":" + e.getValue()).toList());
    }

    private static void pause() {
        try {
            Thread.sleep(500);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
