package org.publicbudget.ledger.query.history;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Turns a moment into a position of the event store: the position of the last event
 * recorded at or before it (0 when there was none). Reads as of a moment are then
 * reads as of that position, so that "as of a date" and "at position P" mean the same
 * kind of thing: a prefix of the store. Moments compare as instants, never as text.
 */
public class Positions {

    private final JdbcTemplate jdbc;

    public Positions(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** The position a point in time stands for; null for now. */
    public Long of(PointInTime at) {
        if (at.isNow()) {
            return null;
        }
        long position = at.position() == null ? Long.MAX_VALUE : at.position();
        return at.asOf() == null ? position : Math.min(position, of(at.asOf()));
    }

    /** The last event recorded at or before {@code moment}: one index seek. */
    public long of(Instant moment) {
        List<Long> found = jdbc.queryForList("SELECT position FROM ledger_journal WHERE recorded_at <= ? "
                + "ORDER BY recorded_at DESC, position DESC LIMIT 1", Long.class, OffsetDateTime.ofInstant(moment, ZoneOffset.UTC));
        return found.isEmpty() ? 0 : found.get(0);
    }
}
