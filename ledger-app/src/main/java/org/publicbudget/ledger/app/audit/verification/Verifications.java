package org.publicbudget.ledger.app.audit.verification;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;
import org.publicbudget.ledger.app.infrastructure.database.LeasedJobs;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * The records of full verifications, where every node sees them. One runs at a time; a
 * node carrying one renews its lease, and another node takes over a run whose lease ran
 * out (its node died) and starts it again.
 */
@Component
public class Verifications {

    private static final String COLUMNS = "id, state, requested_by, requested_at, reason, owner, attempts, started_at, finished_at, "
            + "events_done, events_total, events_per_second, report, error";
    private static final String ACTIVE = "state IN ('" + VerificationRun.REQUESTED + "', '" + VerificationRun.RUNNING + "')";

    private final JdbcTemplate jdbc;
    private final ObjectMapper json;
    private final LeasedJobs leases;

    public Verifications(JdbcTemplate jdbc, ObjectMapper json) {
        this.jdbc = jdbc;
        this.json = json;
        this.leases = new LeasedJobs(jdbc, "verification_run", ACTIVE);
    }

    /** Records a request, or returns empty when one is under way (the lock on the state row keeps two from starting at once). */
    @Transactional
    public Optional<VerificationRun> request(String actor, String reason) {
        jdbc.queryForObject("SELECT id FROM verification_state WHERE id = 1 FOR UPDATE", Integer.class);
        if (active().isPresent()) {
            return Optional.empty();
        }
        jdbc.update("INSERT INTO verification_run (requested_by, requested_at, reason, state) VALUES (?, ?, ?, ?)", actor,
                Timestamp.from(Instant.now()), reason, VerificationRun.REQUESTED);
        return jdbc.query("SELECT " + COLUMNS + " FROM verification_run ORDER BY id DESC LIMIT 1", this::run).stream().findFirst();
    }

    public Optional<VerificationRun> active() {
        return jdbc.query("SELECT " + COLUMNS + " FROM verification_run WHERE " + ACTIVE + " ORDER BY id DESC", this::run).stream().findFirst();
    }

    /** The newest verification, under way or finished. */
    public Optional<VerificationRun> latest() {
        return jdbc.query("SELECT " + COLUMNS + " FROM verification_run ORDER BY id DESC LIMIT 1", this::run).stream().findFirst();
    }

    /** The newest verification that has finished, done or failed. */
    public Optional<VerificationRun> latestFinished() {
        return jdbc.query("SELECT " + COLUMNS + " FROM verification_run WHERE NOT " + ACTIVE + " ORDER BY id DESC LIMIT 1", this::run).stream()
                .findFirst();
    }

    public Optional<VerificationRun> find(long id) {
        return jdbc.query("SELECT " + COLUMNS + " FROM verification_run WHERE id = ?", this::run, id).stream().findFirst();
    }

    LeasedJobs leases() {
        return leases;
    }

    void started(long id, long eventsTotal) {
        jdbc.update("UPDATE verification_run SET state = ?, started_at = ?, events_total = ?, events_done = 0, error = NULL WHERE id = ?",
                VerificationRun.RUNNING, Timestamp.from(Instant.now()), eventsTotal, id);
    }

    void progress(long id, long eventsDone, long eventsPerSecond) {
        jdbc.update("UPDATE verification_run SET events_done = ?, events_total = GREATEST(events_total, ?), events_per_second = ? "
                + "WHERE id = ?", eventsDone, eventsDone, eventsPerSecond, id);
    }

    void finish(long id, String state, Object report, String error) {
        try {
            jdbc.update("UPDATE verification_run SET state = ?, finished_at = ?, report = ?, error = ?, lease_until = NULL WHERE id = ?",
                    state, Timestamp.from(Instant.now()), report == null ? null : json.writeValueAsString(report), error, id);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a verification report that cannot be written", e);
        }
    }

    private VerificationRun run(ResultSet rs, int row) throws SQLException {
        long done = rs.getLong("events_done");
        long total = rs.getLong("events_total");
        long perSecond = rs.getLong("events_per_second");
        String state = rs.getString("state");
        Long eta = state.equals(VerificationRun.RUNNING) && perSecond > 0 ? Math.max(0, total - done) / perSecond : null;
        return new VerificationRun(rs.getLong("id"), state, rs.getString("requested_by"), instant(rs.getTimestamp("requested_at")),
                rs.getString("reason"), rs.getString("owner"), rs.getInt("attempts"), instant(rs.getTimestamp("started_at")),
                instant(rs.getTimestamp("finished_at")), done, total, perSecond, eta, report(rs.getString("report")), rs.getString("error"));
    }

    private JsonNode report(String text) {
        try {
            return text == null ? null : json.readTree(text);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("unreadable verification report", e);
        }
    }

    private static Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }
}
