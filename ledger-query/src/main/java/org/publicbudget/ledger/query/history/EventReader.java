package org.publicbudget.ledger.query.history;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
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
 * chain like any other reader. Every history the ledger tells — trails, figures as
 * of a moment, verification — is told from what this returns.
 */
public class EventReader {

    private final JdbcTemplate jdbc;
    private final Serializer serializer;
    private final EventUpcaster upcasters;

    public EventReader(JdbcTemplate jdbc, Serializer serializer, EventUpcaster upcasters) {
        this.jdbc = jdbc;
        this.serializer = serializer;
        this.upcasters = upcasters;
    }

    /** Events matching {@code condition} (SQL over the event table) that the point in time includes. */
    public List<TrackedEventMessage<?>> read(String condition, PointInTime at, Object... args) {
        List<Object> parameters = new ArrayList<>(List.of(args));
        String upTo = "";
        if (at.position() != null) {
            upTo = " AND globalIndex <= ?";
            parameters.add(at.position());
        }
        if (at.asOf() != null) {
            // recorded times are ISO-8601 text; compare whole seconds in SQL, the rest below
            upTo += " AND SUBSTRING(timeStamp, 1, 19) <= ?";
            parameters.add(at.asOf().toString().substring(0, 19));
        }
        List<TrackedDomainEventData<byte[]>> rows = jdbc.query(SELECT + " WHERE (" + condition + ")" + upTo + " ORDER BY globalIndex",
                EventReader::row, parameters.toArray());
        Instant asOf = at.asOf();
        List<TrackedDomainEventData<byte[]>> included = asOf == null ? rows
                : rows.stream().filter(row -> !row.getTimestamp().isAfter(asOf)).toList();
        try (Stream<TrackedEventMessage<?>> messages = EventUtils.upcastAndDeserializeTrackedEvents(included.stream(), serializer, upcasters)) {
            return messages.toList();
        }
    }

    /**
     * The next {@code limit} events after {@code position}, in store order: for reading
     * the whole store a page at a time without holding it in memory.
     */
    public List<TrackedEventMessage<?>> after(long position, int limit) {
        List<TrackedDomainEventData<byte[]>> rows = jdbc.query(SELECT + " WHERE globalIndex > ? ORDER BY globalIndex LIMIT ?",
                EventReader::row, position, limit);
        try (Stream<TrackedEventMessage<?>> messages = EventUtils.upcastAndDeserializeTrackedEvents(rows.stream(), serializer, upcasters)) {
            return messages.toList();
        }
    }

    private static final String SELECT = "SELECT globalIndex, type, aggregateIdentifier, sequenceNumber, eventIdentifier, timeStamp, "
            + "payloadType, payloadRevision, payload, metaData FROM domainevententry";

    private static TrackedDomainEventData<byte[]> row(ResultSet rs, int rowNumber) throws SQLException {
        return new TrackedDomainEventData<>(new GlobalSequenceTrackingToken(rs.getLong(1)),
                new GenericDomainEventEntry<>(rs.getString(2), rs.getString(3), rs.getLong(4), rs.getString(5),
                        rs.getString(6), rs.getString(7), rs.getString(8), rs.getBytes(9), rs.getBytes(10)));
    }

    /** A metadata value as text (actor, reason, document …), or null when the event does not carry it. */
    public static String metadata(TrackedEventMessage<?> message, String key) {
        Object value = message.getMetaData().get(key);
        return value == null ? null : value.toString();
    }

    /** The position of an event in the store, as every reader sees it. */
    public static long positionOf(TrackedEventMessage<?> message) {
        return ((GlobalSequenceTrackingToken) message.trackingToken()).getGlobalIndex();
    }
}
