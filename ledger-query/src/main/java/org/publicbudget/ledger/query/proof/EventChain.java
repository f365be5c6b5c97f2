package org.publicbudget.ledger.query.proof;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
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

    public void record(List<String> eventIdentifiers) {
        if (eventIdentifiers.isEmpty()) {
            return;
        }
        String marks = String.join(", ", Collections.nCopies(eventIdentifiers.size(), "?"));
        List<EventHash.StoredEvent> appended = jdbc.query(STORED + "WHERE eventIdentifier IN (" + marks + ") ORDER BY globalIndex",
                (rs, i) -> stored(rs), eventIdentifiers.toArray());
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
