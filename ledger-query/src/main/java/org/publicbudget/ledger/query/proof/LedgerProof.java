package org.publicbudget.ledger.query.proof;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.HexFormat;
import org.publicbudget.ledger.query.history.EventReader;
import org.publicbudget.ledger.query.totals.CopyComparison;
import org.publicbudget.ledger.query.totals.TotalsFold;
import org.publicbudget.ledger.query.totals.TotalsReplay;
import org.publicbudget.ledger.query.totals.TotalsTables;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionOperations;

/**
 * Re-walks the event store and proves — or disproves — that it is what was written:
 * every event against its chain hash, every chain link against its predecessor,
 * every checkpoint against the chain, and every figure of the read models against
 * the same figure recomputed from the events alone.
 */
public class LedgerProof {

    private record Link(String aggregateId, long sequence, long globalIndex, String previousHash, String hash) {
    }

    private static final int PAGE = 5_000;

    private final JdbcTemplate jdbc;
    private final JdbcTemplate streaming;
    private final TransactionOperations transactions;
    private final EventReader events;

    /**
     * {@code transactions} lets the walk over the whole store stream: PostgreSQL
     * fetches rows a batch at a time only inside a transaction.
     */
    public LedgerProof(JdbcTemplate jdbc, TransactionOperations transactions, EventReader events) {
        this.jdbc = jdbc;
        this.streaming = new JdbcTemplate(jdbc.getDataSource());
        this.streaming.setFetchSize(PAGE);
        this.transactions = transactions;
        this.events = events;
    }

    public VerificationReport verify() {
        List<VerificationReport.Problem> problems = new ArrayList<>();
        Map<String, Link> links = new HashMap<>();
        jdbc.query("SELECT event_identifier, aggregate_identifier, sequence_number, global_index, previous_hash, hash FROM event_chain",
                rs -> {
                    links.put(rs.getString(1), new Link(rs.getString(2), rs.getLong(3), rs.getLong(4), rs.getString(5), rs.getString(6)));
                });
        long[] counts = new long[2];
        String[] stream = {null};
        transactions.executeWithoutResult(status -> streaming.query("SELECT globalIndex, aggregateIdentifier, sequenceNumber, "
                + "eventIdentifier, payloadType, payloadRevision, timeStamp, payload, metaData FROM domainevententry "
                + "ORDER BY aggregateIdentifier, sequenceNumber", rs -> {
                    EventHash.StoredEvent event = EventChain.stored(rs);
                    counts[0]++;
                    if (!event.aggregateIdentifier().equals(stream[0])) {
                        counts[1]++;
                        stream[0] = event.aggregateIdentifier();
                    }
                    Link link = links.remove(event.eventIdentifier());
                    if (link == null) {
                        problems.add(problem("UNCHAINED", event, "event " + event.eventIdentifier() + " was not written by the ledger"));
                    } else if (!link.aggregateId().equals(event.aggregateIdentifier()) || link.sequence() != event.sequenceNumber()
                            || link.globalIndex() != event.globalIndex()) {
                        problems.add(problem("REORDERED", event, "event " + event.eventIdentifier() + " was written as number "
                                + link.sequence() + " of " + link.aggregateId() + " at position " + link.globalIndex()
                                + ", and now stands as number " + event.sequenceNumber() + " at position " + event.globalIndex()));
                    } else if (!EventHash.of(link.previousHash(), event).equals(link.hash())) {
                        problems.add(problem("ALTERED", event, "event " + event.eventIdentifier() + " (" + simpleName(event.payloadType())
                                + ") no longer matches the hash written with it"));
                    }
                }));
        links.values().forEach(gone -> problems.add(new VerificationReport.Problem("DELETED", gone.aggregateId(), gone.sequence(),
                "event number " + gone.sequence() + " of " + gone.aggregateId() + " at position " + gone.globalIndex() + " is missing")));
        jdbc.query("SELECT c.aggregate_identifier, c.sequence_number FROM event_chain c LEFT JOIN event_chain p "
                        + "ON p.aggregate_identifier = c.aggregate_identifier AND p.sequence_number = c.sequence_number - 1 "
                        + "WHERE (c.sequence_number = 0 AND c.previous_hash <> ?) "
                        + "OR (c.sequence_number > 0 AND (p.hash IS NULL OR p.hash <> c.previous_hash))",
                rs -> {
                    problems.add(new VerificationReport.Problem("BROKEN_LINK", rs.getString(1), rs.getLong(2),
                            "the chain does not link event number " + rs.getLong(2) + " of " + rs.getString(1) + " to its predecessor"));
                }, EventHash.GENESIS);
        for (Checkpoint checkpoint : checkpoints()) {
            if (!rootAt(checkpoint.position()).equals(checkpoint.rootHash())) {
                problems.add(new VerificationReport.Problem("CHECKPOINT_MISMATCH", null, checkpoint.position(),
                        "the chain up to position " + checkpoint.position() + " no longer matches the checkpoint of "
                                + checkpoint.recordedAt()));
            }
        }
        boolean chainIntact = problems.isEmpty();
        List<VerificationReport.Problem> figures = compareReadModels();
        problems.addAll(figures);
        return new VerificationReport(counts[0], counts[1], chainIntact, problems, figures.isEmpty());
    }

    /** Records a checkpoint at the newest chained position and returns it. */
    public Checkpoint checkpoint() {
        Long position = jdbc.queryForObject("SELECT MAX(global_index) FROM event_chain", Long.class);
        long at = position == null ? 0 : position;
        Checkpoint checkpoint = new Checkpoint(at, Instant.now(),
                jdbc.queryForObject("SELECT COUNT(DISTINCT aggregate_identifier) FROM event_chain WHERE global_index <= ?", Long.class, at),
                jdbc.queryForObject("SELECT COUNT(*) FROM event_chain WHERE global_index <= ?", Long.class, at), rootAt(at));
        jdbc.update("INSERT INTO ledger_checkpoint (position, recorded_at, streams, events, root_hash) VALUES (?, ?, ?, ?, ?) "
                + "ON CONFLICT DO NOTHING", checkpoint.position(), Timestamp.from(checkpoint.recordedAt()), checkpoint.streams(),
                checkpoint.events(), checkpoint.rootHash());
        return checkpoint;
    }

    public List<Checkpoint> checkpoints() {
        return jdbc.query("SELECT position, recorded_at, streams, events, root_hash FROM ledger_checkpoint ORDER BY position",
                (rs, i) -> new Checkpoint(rs.getLong(1), rs.getTimestamp(2).toInstant(), rs.getLong(3), rs.getLong(4), rs.getString(5)));
    }

    /** One hash over (position, event, hash) of every chained event up to {@code position}, in store order. */
    private String rootAt(long position) {
        MessageDigest digest = EventHash.sha256();
        jdbc.query("SELECT global_index, event_identifier, hash FROM event_chain WHERE global_index <= ? ORDER BY global_index",
                rs -> {
                    digest.update((rs.getLong(1) + " " + rs.getString(2) + " " + rs.getString(3) + "\n").getBytes(StandardCharsets.UTF_8));
                }, position);
        return HexFormat.of().formatHex(digest.digest());
    }

    /**
     * Every row of the totals read model against a recomputation from the events
     * ({@link TotalsFold}, read a page at a time). The read models follow the store
     * within moments, so a difference is looked at again a few times before it is
     * reported.
     */
    private List<VerificationReport.Problem> compareReadModels() {
        CopyComparison.Differences differences = null;
        for (int attempt = 0; attempt < 10; attempt++) {
            TotalsFold fold = new TotalsReplay(events, PAGE).run(Map.of(), ignored -> { }, ignored -> { }).fold();
            differences = CopyComparison.compare(jdbc, TotalsTables.activeCopy(jdbc), fold::rows);
            if (differences.none()) {
                return List.of();
            }
            try {
                Thread.sleep(500);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        return differences.first().stream().map(d -> new VerificationReport.Problem("READ_MODEL_MISMATCH", d.id(), null,
                d.table() + " " + d.key() + ": the read model shows " + (d.found() == null ? "nothing" : d.found())
                        + ", the events say " + (d.expected() == null ? "nothing" : d.expected()))).toList();
    }

    private static VerificationReport.Problem problem(String kind, EventHash.StoredEvent event, String message) {
        return new VerificationReport.Problem(kind, event.aggregateIdentifier(), event.sequenceNumber(), message);
    }

    private static String simpleName(String type) {
        return type.substring(type.lastIndexOf('.') + 1);
    }
}
