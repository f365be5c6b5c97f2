package org.publicbudget.ledger.app.operations;

import java.util.List;
import org.publicbudget.ledger.query.readmodel.projection.ReadModelCopies;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Keeps PostgreSQL's statistics of the ledger's tables current. A node that catches up
 * with millions of events, a rebuild, a large import: tables grow from nothing faster
 * than autovacuum looks at them (once a minute), and until it does the planner takes
 * them for small — one trail page scanned a department's whole history (16 ms at
 * 8,000 rows, growing with it) instead of reading 100 index entries (0.5 ms). So every
 * few seconds, a table changed by more than a fifth since its last analysis is analysed.
 */
@Component
public class TableStatistics {

    private static final Logger log = LoggerFactory.getLogger(TableStatistics.class);

    private final JdbcTemplate jdbc;
    private final boolean postgres;

    public TableStatistics(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
        this.postgres = ReadModelCopies.onPostgres(jdbc);
    }

    @Scheduled(fixedDelayString = "${ledger.statistics.every:PT10S}")
    public void analyseTablesThatGrew() {
        if (!postgres) {
            return;
        }
        try {
            List<String> stale = jdbc.queryForList("SELECT relname FROM pg_stat_user_tables WHERE schemaname = current_schema() "
                    + "AND n_mod_since_analyze > 1000 + 0.2 * n_live_tup", String.class);
            for (String table : stale) {
                long started = System.nanoTime();
                jdbc.execute("ANALYZE " + table);
                log.debug("Analysed {} in {} ms", table, (System.nanoTime() - started) / 1_000_000);
            }
        } catch (RuntimeException e) {
            log.warn("Analysing the ledger's tables: {}", e.getMessage());
        }
    }
}
