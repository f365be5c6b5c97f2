package org.publicbudget.ledger.app.feed;

import java.util.Map;
import org.publicbudget.ledger.query.readmodel.projection.ReadModelCopies;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Up to which position the store is complete: no event can still be committed below it.
 * Positions are handed out when an event is inserted, not when it commits, so a
 * transaction may commit position 7 after another committed 8; a reader that moved on
 * to 8 would never see 7. So the head is taken together with PostgreSQL's snapshot of
 * the transactions running at that moment, and counts as complete once every one of
 * them has ended: any position below the head was taken by one of them or is already
 * visible. A transaction gets its id only as it inserts its first row, a moment after
 * taking its position, so this is done twice, the second snapshot taken after the
 * first's transactions ended. Ledger transactions take milliseconds; should one run
 * long (a large import), the last complete position found stands meanwhile.
 */
@Component
class FeedHorizon {

    private static final long LONGEST_WAIT_MILLIS = 2_000;

    private final JdbcTemplate jdbc;
    private final boolean postgres;
    private volatile long lastComplete;

    FeedHorizon(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
        this.postgres = ReadModelCopies.onPostgres(jdbc);
    }

    long completeUpTo() {
        if (!postgres) {
            // the embedded database of one node: positions are taken and committed under its own locks
            return head();
        }
        Map<String, Object> first = jdbc.queryForMap("SELECT pg_current_snapshot()::text AS snapshot, "
                + "(SELECT COALESCE(MAX(globalIndex), 0) FROM domainevententry) AS head");
        long deadline = System.currentTimeMillis() + LONGEST_WAIT_MILLIS;
        if (!ended((String) first.get("snapshot"), deadline)) {
            return lastComplete;
        }
        String second = jdbc.queryForObject("SELECT pg_current_snapshot()::text", String.class);
        if (!ended(second, deadline)) {
            return lastComplete;
        }
        long head = ((Number) first.get("head")).longValue();
        synchronized (this) {
            lastComplete = Math.max(lastComplete, head);
            return lastComplete;
        }
    }

    private boolean ended(String snapshot, long deadline) {
        while (Boolean.TRUE.equals(jdbc.queryForObject("SELECT EXISTS (SELECT 1 FROM pg_snapshot_xip(?::pg_snapshot) x "
                + "WHERE pg_xact_status(x) = 'in progress')", Boolean.class, snapshot))) {
            if (System.currentTimeMillis() > deadline) {
                return false;
            }
            try {
                Thread.sleep(2);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return true;
    }

    private long head() {
        Long head = jdbc.queryForObject("SELECT MAX(globalIndex) FROM domainevententry", Long.class);
        return head == null ? 0 : head;
    }
}
