package org.publicbudget.ledger.query.proof;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import org.publicbudget.ledger.domain.Sha256;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionOperations;

/**
 * Checkpoints: one hash over the chain of every event up to a position, recorded so
 * that it can be published outside the ledger. A rewrite of history that even
 * recomputes the chain hashes no longer matches a published checkpoint.
 */
public class Checkpoints {

    private final JdbcTemplate jdbc;
    private final JdbcTemplate streaming;
    private final TransactionOperations transactions;

    /** {@code transactions} lets a walk over the whole chain stream: PostgreSQL fetches rows a batch at a time only inside one. */
    public Checkpoints(JdbcTemplate jdbc, TransactionOperations transactions) {
        this.jdbc = jdbc;
        this.streaming = new JdbcTemplate(jdbc.getDataSource());
        this.streaming.setFetchSize(5_000);
        this.transactions = transactions;
    }

    /** Records a checkpoint at the newest chained position and returns it. */
    public Checkpoint record() {
        Long position = jdbc.queryForObject("SELECT MAX(global_index) FROM event_chain", Long.class);
        long at = position == null ? 0 : position;
        long[] counts = new long[2];
        String root = rootAt(at, counts);
        Checkpoint checkpoint = new Checkpoint(at, Instant.now(), counts[1], counts[0], root);
        jdbc.update("INSERT INTO ledger_checkpoint (position, recorded_at, streams, events, root_hash) VALUES (?, ?, ?, ?, ?) "
                + "ON CONFLICT DO NOTHING", checkpoint.position(), Timestamp.from(checkpoint.recordedAt()), checkpoint.streams(),
                checkpoint.events(), checkpoint.rootHash());
        return checkpoint;
    }

    public List<Checkpoint> all() {
        return jdbc.query("SELECT position, recorded_at, streams, events, root_hash FROM ledger_checkpoint ORDER BY position",
                (rs, i) -> new Checkpoint(rs.getLong(1), rs.getTimestamp(2).toInstant(), rs.getLong(3), rs.getLong(4), rs.getString(5)));
    }

    /** Whether the chain up to each checkpoint still gives its hash; the mismatches. */
    List<VerificationReport.Problem> check() {
        return all().stream().filter(checkpoint -> !rootAt(checkpoint.position(), new long[2]).equals(checkpoint.rootHash()))
                .map(checkpoint -> new VerificationReport.Problem("CHECKPOINT_MISMATCH", null, checkpoint.position(),
                        "the chain up to position " + checkpoint.position() + " no longer matches the checkpoint of " + checkpoint.recordedAt()))
                .toList();
    }

    /** One hash over (position, event, hash) of every chained event up to {@code position}, in store order; counts events and streams. */
    private String rootAt(long position, long[] counts) {
        MessageDigest digest = Sha256.digest();
        transactions.executeWithoutResult(status -> streaming.query("SELECT global_index, event_identifier, hash, sequence_number "
                + "FROM event_chain WHERE global_index <= ? ORDER BY global_index", rs -> {
                    digest.update((rs.getLong(1) + " " + rs.getString(2) + " " + rs.getString(3) + "\n").getBytes(StandardCharsets.UTF_8));
                    counts[0]++;
                    counts[1] += rs.getLong(4) == 0 ? 1 : 0;
                }, position));
        return Sha256.hex(digest, new byte[0]);
    }
}
