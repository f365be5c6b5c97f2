package org.publicbudget.ledger.query.history;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.stream.Stream;
import org.axonframework.eventhandling.EventUtils;
import org.axonframework.eventhandling.GenericDomainEventEntry;
import org.axonframework.eventhandling.GlobalSequenceTrackingToken;
import org.axonframework.eventhandling.TrackedDomainEventData;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.upcasting.event.EventUpcaster;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Reads events straight from the event store, in its order, through the upcaster
 * chain like any other reader — never by Java class name, so a renamed or upcast
 * event reads as its current form. Rebuilds, proofs and fresh reads of one project
 * read the store through this.
 */
public class EventReader {

    private static final String SELECT = "SELECT globalIndex, type, aggregateIdentifier, sequenceNumber, eventIdentifier, timeStamp, "
            + "payloadType, payloadRevision, payload, metaData FROM domainevententry";
    private static final int IDS_PER_QUERY = 500;

    private final JdbcTemplate jdbc;
    private final Serializer serializer;
    private final EventUpcaster upcasters;

    public EventReader(JdbcTemplate jdbc, Serializer serializer, EventUpcaster upcasters) {
        this.jdbc = jdbc;
        this.serializer = serializer;
        this.upcasters = upcasters;
    }

    /**
     * The next {@code limit} events after {@code position}, in store order: for reading
     * the whole store a page at a time without holding it in memory.
     */
    public List<TrackedEventMessage<?>> after(long position, int limit) {
        return messages(jdbc.query(SELECT + " WHERE globalIndex > ? ORDER BY globalIndex LIMIT ?", EventReader::row, position, limit));
    }

    /** Every event of these streams (aggregates) up to {@code upTo}, in store order. */
    public List<TrackedEventMessage<?>> ofStreams(Collection<String> aggregateIds, long upTo) {
        List<String> ids = new ArrayList<>(aggregateIds);
        List<TrackedDomainEventData<byte[]>> rows = new ArrayList<>();
        for (int i = 0; i < ids.size(); i += IDS_PER_QUERY) {
            List<String> chunk = ids.subList(i, Math.min(ids.size(), i + IDS_PER_QUERY));
            List<Object> args = new ArrayList<>(chunk);
            args.add(upTo);
            rows.addAll(jdbc.query(SELECT + " WHERE aggregateIdentifier IN (" + String.join(", ", Collections.nCopies(chunk.size(), "?"))
                    + ") AND globalIndex <= ?", EventReader::row, args.toArray()));
        }
        rows.sort((a, b) -> Long.compare(position(a), position(b)));
        return messages(rows);
    }

    /**
     * The positions of every event of these streams up to {@code upTo}, in store order:
     * eight bytes an event, so that a large department's events can be read a window
     * at a time ({@link #at}) rather than all at once.
     */
    public long[] positionsOf(Collection<String> aggregateIds, long upTo) {
        List<String> ids = new ArrayList<>(aggregateIds);
        List<Long> positions = new ArrayList<>();
        for (int i = 0; i < ids.size(); i += IDS_PER_QUERY) {
            List<String> chunk = ids.subList(i, Math.min(ids.size(), i + IDS_PER_QUERY));
            List<Object> args = new ArrayList<>(chunk);
            args.add(upTo);
            positions.addAll(jdbc.queryForList("SELECT globalIndex FROM domainevententry WHERE aggregateIdentifier IN ("
                    + String.join(", ", Collections.nCopies(chunk.size(), "?")) + ") AND globalIndex <= ?", Long.class, args.toArray()));
        }
        return positions.stream().mapToLong(Long::longValue).sorted().toArray();
    }

    /** The events at {@code positions[from]} to {@code positions[to - 1]}, in store order. */
    public List<TrackedEventMessage<?>> at(long[] positions, int from, int to) {
        List<TrackedDomainEventData<byte[]>> rows = new ArrayList<>();
        for (int i = from; i < to; i += IDS_PER_QUERY) {
            Object[] chunk = Arrays.stream(positions, i, Math.min(to, i + IDS_PER_QUERY)).boxed().toArray();
            rows.addAll(jdbc.query(SELECT + " WHERE globalIndex IN (" + String.join(", ", Collections.nCopies(chunk.length, "?")) + ")",
                    EventReader::row, chunk));
        }
        rows.sort((a, b) -> Long.compare(position(a), position(b)));
        return messages(rows);
    }

    /** The newest sequence number of a stream, -1 when it has none: one look at the unique index every append uses. */
    public long lastSequenceOf(String aggregateType, String aggregateId) {
        Long last = jdbc.queryForObject("SELECT MAX(sequenceNumber) FROM domainevententry WHERE aggregateIdentifier = ? AND type = ?",
                Long.class, aggregateId, aggregateType);
        return last == null ? -1 : last;
    }

    /** The position of the newest event in the store, 0 when empty. */
    public long head() {
        Long head = jdbc.queryForObject("SELECT MAX(globalIndex) FROM domainevententry", Long.class);
        return head == null ? 0 : head;
    }

    private List<TrackedEventMessage<?>> messages(List<TrackedDomainEventData<byte[]>> rows) {
        try (Stream<TrackedEventMessage<?>> messages = EventUtils.upcastAndDeserializeTrackedEvents(rows.stream(), serializer, upcasters)) {
            return messages.toList();
        }
    }

    private static long position(TrackedDomainEventData<?> row) {
        return ((GlobalSequenceTrackingToken) row.trackingToken()).getGlobalIndex();
    }

    private static TrackedDomainEventData<byte[]> row(ResultSet rs, int rowNumber) throws SQLException {
        return new TrackedDomainEventData<>(new GlobalSequenceTrackingToken(rs.getLong(1)),
                new GenericDomainEventEntry<>(rs.getString(2), rs.getString(3), rs.getLong(4), rs.getString(5),
                        rs.getString(6), rs.getString(7), rs.getString(8), rs.getBytes(9), rs.getBytes(10)));
    }

    /** The position of an event in the store, as every reader sees it. */
    public static long positionOf(TrackedEventMessage<?> message) {
        return message.trackingToken().position().orElseThrow();
    }
}
