package org.publicbudget.ledger.app.operations;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.publicbudget.ledger.app.infrastructure.database.LeasedJobs;
import org.publicbudget.ledger.query.readmodel.projection.ReadModelCopies;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * The rebuild records in the database, where every node sees them. Leases and
 * heartbeats use the database's clock, so nodes with drifting clocks still agree.
 */
@Component
public class Rebuilds {

    private static final String COLUMNS = "id, processor, state, requested_by, requested_at, reason, owner, attempts, started_at, "
            + "finished_at, events_done, events_total, events_per_second, position, proof, error";
    private static final String ACTIVE = "state NOT IN ('" + Rebuild.DONE + "', '" + Rebuild.FAILED + "')";

    private final JdbcTemplate jdbc;
    private final ObjectMapper json;
    private final LeasedJobs leases;

    public Rebuilds(JdbcTemplate jdbc, ObjectMapper json) {
        this.jdbc = jdbc;
        this.json = json;
        this.leases = new LeasedJobs(jdbc, "read_model_rebuild", ACTIVE);
    }

    /**
     * Records a request, or returns empty when a rebuild of this processor is still
     * under way. The lock on the copy record keeps two nodes from both asking at once.
     */
    @Transactional
    public Optional<Rebuild> request(String processor, String actor, String reason) {
        String active = jdbc.queryForObject("SELECT active FROM read_model_copy WHERE read_model = ? FOR UPDATE", String.class,
                processor);
        if (active(processor).isPresent()) {
            return Optional.empty();
        }
        String targetCopy = ReadModelCopies.other(active);
        jdbc.update("INSERT INTO read_model_rebuild (processor, requested_by, requested_at, reason, state, target_copy) "
                + "VALUES (?, ?, ?, ?, ?, ?)", processor, actor, Timestamp.from(Instant.now()), reason, Rebuild.REQUESTED, targetCopy);
        return latest(processor);
    }

    public Optional<Rebuild> active(String processor) {
        return jdbc.query("SELECT " + COLUMNS + " FROM read_model_rebuild WHERE processor = ? AND " + ACTIVE + " ORDER BY id DESC",
                this::rebuild, processor).stream().findFirst();
    }

    public Optional<Rebuild> latest(String processor) {
        return jdbc.query("SELECT " + COLUMNS + " FROM read_model_rebuild WHERE processor = ? ORDER BY id DESC LIMIT 1",
                this::rebuild, processor).stream().findFirst();
    }

    public Optional<Rebuild> find(String processor, long id) {
        return jdbc.query("SELECT " + COLUMNS + " FROM read_model_rebuild WHERE processor = ? AND id = ?", this::rebuild, processor, id)
                .stream().findFirst();
    }

    String targetCopy(long id) {
        return jdbc.queryForObject("SELECT target_copy FROM read_model_rebuild WHERE id = ?", String.class, id);
    }

    LeasedJobs leases() {
        return leases;
    }

    void started(long id, String state, long eventsTotal) {
        jdbc.update("UPDATE read_model_rebuild SET state = ?, started_at = COALESCE(started_at, ?), events_total = ?, events_done = 0, "
                + "error = NULL WHERE id = ?", state, Timestamp.from(Instant.now()), eventsTotal, id);
    }

    void state(long id, String state) {
        jdbc.update("UPDATE read_model_rebuild SET state = ? WHERE id = ?", state, id);
    }

    void progress(long id, long eventsDone, long eventsPerSecond, long position) {
        jdbc.update("UPDATE read_model_rebuild SET events_done = ?, events_total = GREATEST(events_total, ?), events_per_second = ?, "
                + "position = ? WHERE id = ?", eventsDone, eventsDone, eventsPerSecond, position, id);
    }

    void finish(long id, String state, JsonNode proof, String error) {
        jdbc.update("UPDATE read_model_rebuild SET state = ?, finished_at = ?, proof = ?, error = ?, lease_until = NULL WHERE id = ?",
                state, Timestamp.from(Instant.now()), proof == null ? null : proof.toString(), error, id);
    }

    /** Records that this node is alive and, during a rebuild, that its processor is stopped for it. */
    void heartbeat(String node, Long stoppedFor) {
        if (jdbc.update("UPDATE processor_node SET heartbeat_at = LOCALTIMESTAMP, stopped_for = ? WHERE node_id = ?", stoppedFor, node) == 0) {
            jdbc.update("INSERT INTO processor_node (node_id, heartbeat_at, stopped_for) VALUES (?, LOCALTIMESTAMP, ?)", node, stoppedFor);
        }
        jdbc.update("DELETE FROM processor_node WHERE heartbeat_at < LOCALTIMESTAMP - INTERVAL '1' HOUR");
    }

    /** Nodes heard from within a few seconds. */
    int liveNodes() {
        return jdbc.queryForObject("SELECT COUNT(*) FROM processor_node WHERE heartbeat_at > LOCALTIMESTAMP - INTERVAL '5' SECOND",
                Integer.class);
    }

    /** Live nodes (heard from within a few seconds) that have not yet stopped for rebuild {@code id}. */
    List<String> nodesStillRunning(long id) {
        return jdbc.queryForList("SELECT node_id FROM processor_node WHERE heartbeat_at > LOCALTIMESTAMP - INTERVAL '5' SECOND "
                + "AND (stopped_for IS NULL OR stopped_for <> ?)", String.class, id);
    }

    private Rebuild rebuild(ResultSet rs, int row) throws SQLException {
        long done = rs.getLong("events_done");
        long total = rs.getLong("events_total");
        long perSecond = rs.getLong("events_per_second");
        String state = rs.getString("state");
        Long eta = state.equals(Rebuild.REPLAYING) && perSecond > 0 ? Math.max(0, total - done) / perSecond : null;
        return new Rebuild(rs.getLong("id"), rs.getString("processor"), state, rs.getString("requested_by"),
                instant(rs.getTimestamp("requested_at")), rs.getString("reason"), rs.getString("owner"), rs.getInt("attempts"),
                instant(rs.getTimestamp("started_at")), instant(rs.getTimestamp("finished_at")), done, total, perSecond, eta,
                (Long) rs.getObject("position", Long.class), proof(rs.getString("proof")), rs.getString("error"));
    }

    private JsonNode proof(String text) {
        try {
            return text == null ? null : json.readTree(text);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("unreadable proof of a rebuild", e);
        }
    }

    private static Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }
}
