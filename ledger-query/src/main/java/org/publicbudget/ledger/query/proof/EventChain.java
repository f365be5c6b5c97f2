package org.publicbudget.ledger.query.proof;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.axonframework.eventhandling.DomainEventMessage;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Writes the chain hash of newly appended events, in the transaction that appended
 * them: the rows are read back as stored, so the hash covers exactly the bytes an
 * auditor will later find.
 */
public class EventChain {

    /** The events of one aggregate in a range of sequence numbers, each with the chain hash of the event before it, if any. */
    private static final String APPENDED = "SELECT e.globalIndex, e.aggregateIdentifier, e.sequenceNumber, e.eventIdentifier, "
            + "e.payloadType, e.payloadRevision, e.timeStamp, e.payload, e.metaData, (SELECT c.hash FROM event_chain c "
            + "WHERE c.aggregate_identifier = e.aggregateIdentifier AND c.sequence_number = e.sequenceNumber - 1) "
            + "FROM domainevententry e WHERE e.aggregateIdentifier = ? AND e.sequenceNumber BETWEEN ? AND ? ORDER BY e.sequenceNumber";

    private final JdbcTemplate jdbc;

    public EventChain(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    static EventHash.StoredEvent stored(ResultSet rs) throws SQLException {
        return new EventHash.StoredEvent(rs.getLong(1), rs.getString(2), rs.getLong(3), rs.getString(4), rs.getString(5),
                rs.getString(6), rs.getString(7), rs.getBytes(8), rs.getBytes(9));
    }

    /**
     * Chains events just appended, in the same transaction, and returns the newest
     * position among them (where in the store they landed; -1 for none). They are read back by
     * (aggregate, sequence number) — the unique index every append uses — so that the
     * hash covers exactly the bytes stored, at a cost that does not grow with the store;
     * the same statement brings the hash of the event before the first of them.
     */
    public long record(List<? extends DomainEventMessage<?>> events) {
        if (events.isEmpty()) {
            return -1;
        }
        Map<String, long[]> ranges = new LinkedHashMap<>();
        for (DomainEventMessage<?> event : events) {
            ranges.merge(event.getAggregateIdentifier(), new long[] {event.getSequenceNumber(), event.getSequenceNumber()},
                    (a, b) -> new long[] {Math.min(a[0], b[0]), Math.max(a[1], b[1])});
        }
        Map<String, String> heads = new HashMap<>();
        List<Object[]> rows = new ArrayList<>();
        ranges.forEach((aggregate, range) -> jdbc.query(APPENDED, rs -> {
            EventHash.StoredEvent event = stored(rs);
            String previous = heads.get(aggregate);
            if (previous == null) {
                String stored = rs.getString(10);
                previous = event.sequenceNumber() == 0 || stored == null ? EventHash.GENESIS : stored;
            }
            String hash = EventHash.of(previous, event);
            heads.put(aggregate, hash);
            rows.add(new Object[] {event.eventIdentifier(), event.globalIndex(), event.aggregateIdentifier(), event.sequenceNumber(),
                    previous, hash});
        }, aggregate, range[0], range[1]));
        jdbc.batchUpdate("INSERT INTO event_chain (event_identifier, global_index, aggregate_identifier, sequence_number, "
                + "previous_hash, hash) VALUES (?, ?, ?, ?, ?, ?)", rows);
        return rows.stream().mapToLong(row -> (long) row[1]).max().orElse(-1);
    }
}
