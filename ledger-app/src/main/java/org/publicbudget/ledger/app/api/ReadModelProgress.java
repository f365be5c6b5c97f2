package org.publicbudget.ledger.app.api;

import java.time.Duration;
import org.publicbudget.ledger.app.config.LedgerSignals;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * How far the read models have come, and waiting for them: a position is reached when
 * the event at it is in the journal (written in the same transaction as every row it
 * changed); a project's version when its row shows it. Waits wake when a read model
 * commits, on this node or another.
 */
@Component
public class ReadModelProgress {

    private final JdbcTemplate jdbc;
    private final LedgerSignals signals;
    private final Duration longestWait;

    public ReadModelProgress(JdbcTemplate jdbc, LedgerSignals signals,
            @Value("${ledger.reads.longest-wait:PT5S}") Duration longestWait) {
        this.jdbc = jdbc;
        this.signals = signals;
        this.longestWait = longestWait;
    }

    public boolean reached(long position) {
        return !jdbc.queryForList("SELECT position FROM ledger_journal WHERE position = ?", Long.class, position).isEmpty();
    }

    /** Waits (at most the configured longest wait) until the read models hold the event at {@code position}. */
    public void awaitPosition(long position) {
        if (!signals.awaitReadModel(() -> reached(position), longestWait)) {
            throw new ReadModelBehind("the read models have not reached position " + position + " within "
                    + longestWait.toSeconds() + " s; retry shortly");
        }
    }

    /** Waits at most {@code max} until the project's row shows at least {@code version}; false when it did not. */
    public boolean awaitProject(String projectId, long version, Duration max) {
        return signals.awaitReadModel(() -> {
            Long shown = jdbc.queryForList("SELECT version FROM budget_project WHERE project_id = ?", Long.class, projectId)
                    .stream().findFirst().orElse(-1L);
            return shown >= version;
        }, max);
    }
}
