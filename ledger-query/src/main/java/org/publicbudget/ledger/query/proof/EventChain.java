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

    private static final String STORED = "SELECT globalIndex, aggregateIdentifier, sequenceNumber, eventIdentifier, payloadType, "
            + "payloadRevision, timeStamp, payload, metaData FROM domainevententry ";

    private final JdbcTemplate jdbc;

    public EventChain(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    static EventHash.StoredEvent stored(ResultSet rs) throws SQLException {
        return new EventHash.StoredEvent(rs.getLong(1), rs.getString(2), rs.getLong(3), rs.getString(4), rs.getString(5),
                rs.getString(6), rs.getString(7), rs.getBytes(8), rs.getBytes(9));
    }

    /**
     * Chains events just appended, in the same transaction. They are read back by
     * (aggregate, sequence number) — the unique index every append uses — so that the
     * hash covers exactly the bytes stored, at a cost that does not grow with the store.
     */
    public void record(List<? extends DomainEventMessage<?>> events) {
        if (events.isEmpty()) {
            return;
        }
        Map<String, long[]> ranges = new LinkedHashMap<>();
        for (DomainEventMessage<?> event : events) {
            ranges.merge(event.getAggregateIdentifier(), new long[] {event.getSequenceNumber(), event.getSequenceNumber()},
                    (a, b) -> new long[] {Math.min(a[0], b[0]), Math.max(a[1], b[1])});
        }
        List<EventHash.StoredEvent> appended = new ArrayList<>();
        ranges.forEach((aggregate, range) -> appended.addAll(jdbc.query(
                STORED + "WHERE aggregateIdentifier = ? AND sequenceNumber BETWEEN ? AND ? ORDER BY sequenceNumber",
                (rs, i) -> stored(rs), aggregate, range[0], range[1])));
        Map<String, String> heads = new HashMap<>();
        List<Object[]> rows = new ArrayList<>();
        for (EventHash.StoredEvent event : appended) {
            String previous = heads.get(event.aggregateIdentifier());
            if (previous == null) {
                previous = event.sequenceNumber() == 0 ? EventHash.GENESIS : jdbc.query(
                        "SELECT hash FROM event_chain WHERE aggregate_identifier = ? AND sequence_number = ?",
                        (rs, i) -> rs.getString(1), event.aggregateIdentifier(), event.sequenceNumber() - 1)
                        .stream().findFirst().orElse(EventHash.GENESIS);
            }
            String hash = EventHash.of(previous, event);
            heads.put(event.aggregateIdentifier(), hash);
            rows.add(new Object[] {event.eventIdentifier(), event.globalIndex(), event.aggregateIdentifier(), event.sequenceNumber(),
                    previous, hash});
        }
        jdbc.batchUpdate("INSERT INTO event_chain (event_identifier, global_index, aggregate_identifier, sequence_number, "
                + "previous_hash, hash) VALUES (?, ?, ?, ?, ?, ?)", rows);
    }
}
