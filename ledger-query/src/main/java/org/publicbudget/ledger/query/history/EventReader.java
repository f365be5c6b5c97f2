package org.publicbudget.ledger.query.history;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.function.Consumer;
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
    private static final int ROWS_PER_FETCH = 500;

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
     * Every event of these streams up to {@code upTo}, in store order, handed over as
     * read rather than held: in a transaction the rows come a few hundred at a time,
     * so a department of any size can be read through. One statement; the explicit
     * sort keeps the database from walking the whole store in position order.
     */
    public void forEachOfStreams(Collection<String> aggregateIds, long upTo, Consumer<TrackedEventMessage<?>> each) {
        List<TrackedDomainEventData<byte[]>> read = new ArrayList<>(ROWS_PER_FETCH);
        jdbc.query(connection -> {
            PreparedStatement statement = connection.prepareStatement(SELECT
                    + " WHERE aggregateIdentifier = ANY (?) AND globalIndex <= ? ORDER BY globalIndex + 0");
            statement.setFetchSize(ROWS_PER_FETCH);
            statement.setArray(1, connection.createArrayOf("varchar", aggregateIds.toArray()));
            statement.setLong(2, upTo);
            return statement;
        }, (ResultSet rs) -> {
            read.add(row(rs, 0));
            if (read.size() == ROWS_PER_FETCH) {
                messages(read).forEach(each);
                read.clear();
            }
        });
        messages(read).forEach(each);
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
