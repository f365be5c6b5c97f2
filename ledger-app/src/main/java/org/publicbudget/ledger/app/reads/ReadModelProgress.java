package org.publicbudget.ledger.app.reads;

import java.time.Duration;
import java.util.function.BooleanSupplier;
import org.publicbudget.ledger.app.infrastructure.database.LedgerSignals;
import org.publicbudget.ledger.app.infrastructure.http.ReadModelBehind;
import org.publicbudget.ledger.app.infrastructure.replication.DatabaseRoles;
import org.publicbudget.ledger.app.infrastructure.replication.ReadSource;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * How far the read models have come, and waiting for them: a position is reached when
 * the event at it, and every event committed before it, is in the journal (written in
 * the same transaction as every row it changed); a project's version when its row
 * shows it. Waits wake when a read model commits, on this node or another.
 * <p>
 * "Every event before it": writers commit out of order, so an event at a lower
 * position can land after a higher one and be projected later (a gap the processor
 * comes back for). Such gaps are recent by nature, so the journal is compared with the
 * store over the last {@value #GAP_WINDOW} positions only — two index range counts.
 * <p>
 * A read sent to the standby waits there first ({@code ledger.replica.longest-wait}, a
 * second by default) and, if the standby has not applied what it needs by then, goes on
 * against the primary; with the primary away it is answered 503 rather than with less.
 */
@Component
public class ReadModelProgress {

    private final JdbcTemplate jdbc;
    private final LedgerSignals signals;
    private final Duration longestWait;
    private final DatabaseRoles roles;
    private final Duration longestWaitOnReplica;

    public ReadModelProgress(JdbcTemplate jdbc, LedgerSignals signals,
            @Value("${ledger.reads.longest-wait:PT5S}") Duration longestWait, DatabaseRoles roles,
            @Value("${ledger.replica.longest-wait:PT1S}") Duration longestWaitOnReplica) {
        this.jdbc = jdbc;
        this.signals = signals;
        this.longestWait = longestWait;
        this.roles = roles;
        this.longestWaitOnReplica = longestWaitOnReplica;
    }

    /** A batch's events span up to 20,000 positions (10,000 transfers), each segment of the processor taking its own. */
    static final int GAP_WINDOW = 20_000;

    public boolean reached(long position) {
        if (jdbc.queryForList("SELECT position FROM ledger_journal WHERE position = ?", Long.class, position).isEmpty()) {
            return false;
        }
        long from = position - GAP_WINDOW;
        long stored = jdbc.queryForObject("SELECT COUNT(*) FROM domainevententry WHERE globalIndex > ? AND globalIndex <= ?",
                Long.class, from, position);
        long projected = jdbc.queryForObject("SELECT COUNT(*) FROM ledger_journal WHERE position > ? AND position <= ?",
                Long.class, from, position);
        return projected >= stored;
    }

    /** Waits (at most the configured longest wait) until the read models hold the event at {@code position}. */
    public void awaitPosition(long position) {
        if (ReadSource.onReplica()) {
            if (signals.awaitReadModel(() -> reached(position), longestWaitOnReplica)) {
                return;
            }
            if (!roles.primaryWritable()) {
                throw new ReadModelBehind(MinimumPosition.PARAMETER, "the standby has not reached position " + position
                        + " and the primary database is away; retry shortly");
            }
            ReadSource.switchToPrimary();
        }
        if (!signals.awaitReadModel(() -> reached(position), longestWait)) {
            throw new ReadModelBehind(MinimumPosition.PARAMETER, "the read models have not reached position " + position + " within "
                    + longestWait.toSeconds() + " s; retry shortly");
        }
    }

    /** Waits at most {@code max} until the project's row shows at least {@code version}; false when it did not. */
    public boolean awaitProject(String projectId, long version, Duration max) {
        BooleanSupplier shown = () -> jdbc.queryForList("SELECT version FROM budget_project WHERE project_id = ?", Long.class, projectId)
                .stream().findFirst().orElse(-1L) >= version;
        if (ReadSource.onReplica()) {
            if (signals.awaitReadModel(shown, longestWaitOnReplica.compareTo(max) < 0 ? longestWaitOnReplica : max)) {
                return true;
            }
            if (!roles.primaryWritable()) {
                return false;
            }
            ReadSource.switchToPrimary();
        }
        return signals.awaitReadModel(shown, max);
    }
}
