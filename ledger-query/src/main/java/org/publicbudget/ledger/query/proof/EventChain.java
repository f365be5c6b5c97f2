package org.publicbudget.ledger.query.proof;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
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

    /** Events by id, each with the chain hash of the event before it in its aggregate, if it is chained already. */
    private static final String APPENDED = "SELECT e.globalIndex, e.aggregateIdentifier, e.sequenceNumber, e.eventIdentifier, "
            + "e.payloadType, e.payloadRevision, e.timeStamp, e.payload, e.metaData, (SELECT c.hash FROM event_chain c "
            + "WHERE c.aggregate_identifier = e.aggregateIdentifier AND c.sequence_number = e.sequenceNumber - 1) "
            + "FROM domainevententry e WHERE e.eventIdentifier IN (";

    /** Ids per statement: a batch of thousands of events is read back in a few statements, not one per project. */
    private static final int IDS_PER_READ = 500;

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
     * position among them (where in the store they landed; -1 for none). They are read
     * back by event id — a unique index — so that the hash covers exactly the bytes
     * stored, at a cost that does not grow with the store; the same statement brings
     * the hash of the event before the first of each aggregate's.
     */
    public long record(List<? extends DomainEventMessage<?>> events) {
        if (events.isEmpty()) {
            return -1;
        }
        List<String> ids = events.stream().map(DomainEventMessage::getIdentifier).toList();
        List<Appended> appended = new ArrayList<>(ids.size());
        for (int from = 0; from < ids.size(); from += IDS_PER_READ) {
            List<String> some = ids.subList(from, Math.min(ids.size(), from + IDS_PER_READ));
            jdbc.query(APPENDED + String.join(",", Collections.nCopies(some.size(), "?")) + ")", (ResultSet rs) -> {
                appended.add(new Appended(stored(rs), rs.getString(10)));
            }, some.toArray());
        }
        appended.sort(Comparator.comparing((Appended a) -> a.event().aggregateIdentifier())
                .thenComparingLong(a -> a.event().sequenceNumber()));
        Map<String, String> heads = new HashMap<>();
        List<Object[]> rows = new ArrayList<>(appended.size());
        for (Appended a : appended) {
            EventHash.StoredEvent event = a.event();
            String previous = heads.get(event.aggregateIdentifier());
            if (previous == null) {
                previous = event.sequenceNumber() == 0 || a.previousHash() == null ? EventHash.GENESIS : a.previousHash();
            }
            String hash = EventHash.of(previous, event);
            heads.put(event.aggregateIdentifier(), hash);
            rows.add(new Object[] {event.eventIdentifier(), event.globalIndex(), event.aggregateIdentifier(), event.sequenceNumber(),
                    previous, hash});
        }
        jdbc.batchUpdate("INSERT INTO event_chain (event_identifier, global_index, aggregate_identifier, sequence_number, "
                + "previous_hash, hash) VALUES (?, ?, ?, ?, ?, ?)", rows);
        return rows.stream().mapToLong(row -> (long) row[1]).max().orElse(-1);
    }

    /** An event as stored, with the hash already chained before it (null when there is none yet). */
    private record Appended(EventHash.StoredEvent event, String previousHash) {
    }
}
