package org.publicbudget.ledger.app.feed;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.axonframework.eventhandling.EventUtils;
import org.axonframework.eventhandling.GenericDomainEventEntry;
import org.axonframework.eventhandling.GlobalSequenceTrackingToken;
import org.axonframework.eventhandling.TrackedDomainEventData;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.serialization.SerializedType;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.upcasting.event.EventUpcasterChain;
import org.publicbudget.ledger.app.infrastructure.http.ReadModelBehind;
import org.publicbudget.ledger.app.reads.ReadModelProgress;
import org.publicbudget.ledger.domain.Sha256;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The store read as a feed: pages of events in store order after a position, never
 * past the position up to which the store is complete ({@link FeedHorizon}), each event
 * read through the upcasters into its current revision. A page that ends before its
 * limit ends at that position, so that {@code next} moves past positions a filter
 * passed over without a reader having to see them.
 */
@Component
public class EventFeed {

    /** Published metadata (docs/events.md); trace context is not part of what an event means. */
    private static final List<String> METADATA = List.of("actor", "reason", "requestId", "correlationId", "causationId", "document",
            "documentSha256", "sourceLines", "documentNumber", "effectiveDate", "batchId");
    private static final String COLUMNS = "e.globalIndex, e.type, e.aggregateIdentifier, e.sequenceNumber, e.eventIdentifier, e.timeStamp, "
            + "e.payloadType, e.payloadRevision, e.payload, e.metaData, c.hash, c.previous_hash";

    /** A row as stored; the timestamp as its text, which the chain hash covers. */
    private record Stored(TrackedDomainEventData<byte[]> data, String timeStamp, String hash, String previousHash) {
    }

    private final JdbcTemplate jdbc;
    private final Serializer serializer;
    private final EventUpcasterChain upcasters;
    private final FeedHorizon horizon;
    private final ReadModelProgress readModels;
    private final ObjectMapper json = new ObjectMapper();

    EventFeed(JdbcTemplate jdbc, @Qualifier("eventSerializer") Serializer serializer, EventUpcasterChain upcasters, FeedHorizon horizon,
            ReadModelProgress readModels) {
        this.jdbc = jdbc;
        this.serializer = serializer;
        this.upcasters = upcasters;
        this.horizon = horizon;
        this.readModels = readModels;
    }

    public FeedPage page(long after, int limit, FeedFilter filter) {
        long complete = horizon.completeUpTo();
        if (complete <= after) {
            return new FeedPage(List.of(), complete, after);
        }
        List<Stored> rows;
        if (filter.byDepartment()) {
            // which department an event belongs to, the journal knows once it has been projected
            try {
                readModels.awaitPosition(complete);
            } catch (ReadModelBehind behind) {
                throw new ReadModelBehind(filter.departments().isEmpty() ? "fiscalYear" : "department", "the read models, which know "
                        + "each event's department, have not reached position " + complete + " yet; retry shortly");
            }
            List<String> departments = departments(filter);
            rows = departments.isEmpty() ? List.of() : query("FROM ledger_journal j JOIN domainevententry e ON e.globalIndex = j.position "
                    + "LEFT JOIN event_chain c ON c.event_identifier = e.eventIdentifier WHERE j.department_id IN ("
                    + marks(departments.size()) + ") AND j.position > ? AND j.position <= ?", "j.position", filter, departments, after,
                    complete, limit);
        } else {
            rows = query("FROM domainevententry e LEFT JOIN event_chain c ON c.event_identifier = e.eventIdentifier "
                    + "WHERE e.globalIndex > ? AND e.globalIndex <= ?", "e.globalIndex", filter, List.of(), after, complete, limit);
        }
        List<FeedEvent> events = events(rows);
        long next = events.size() < limit ? complete : events.get(events.size() - 1).position();
        return new FeedPage(events, complete, next);
    }

    private List<Stored> query(String from, String order, FeedFilter filter, List<String> departments, long after, long upTo, int limit) {
        StringBuilder sql = new StringBuilder("SELECT " + COLUMNS + " " + from);
        List<Object> arguments = new ArrayList<>(departments);
        arguments.add(after);
        arguments.add(upTo);
        if (!filter.types().isEmpty()) {
            sql.append(" AND e.payloadType IN (").append(marks(filter.types().size())).append(")");
            arguments.addAll(filter.types());
        }
        if (filter.aggregateId() != null) {
            sql.append(" AND e.aggregateIdentifier = ?");
            arguments.add(filter.aggregateId());
        }
        sql.append(" ORDER BY ").append(order).append(" LIMIT ?");
        arguments.add(limit);
        return jdbc.query(sql.toString(), EventFeed::row, arguments.toArray());
    }

    /** The departments (ids) a filter names, in the account's scope: a small list, each a department of one fiscal year. */
    private List<String> departments(FeedFilter filter) {
        StringBuilder sql = new StringBuilder("SELECT department_id FROM budget_department WHERE 1 = 1");
        List<Object> arguments = new ArrayList<>();
        if (!filter.departments().isEmpty()) {
            sql.append(" AND department_id IN (").append(marks(filter.departments().size())).append(")");
            arguments.addAll(filter.departments());
        }
        if (filter.fiscalYear() != null) {
            sql.append(" AND fiscal_year = ?");
            arguments.add(filter.fiscalYear());
        }
        if (filter.scope() != null) {
            if (filter.scope().isEmpty()) {
                return List.of();
            }
            sql.append(" AND name IN (").append(marks(filter.scope().size())).append(")");
            arguments.addAll(filter.scope());
        }
        return jdbc.queryForList(sql.toString(), String.class, arguments.toArray());
    }

    private List<FeedEvent> events(List<Stored> rows) {
        List<TrackedEventMessage<?>> messages;
        try (Stream<TrackedEventMessage<?>> upcast = EventUtils.upcastAndDeserializeTrackedEvents(rows.stream().map(Stored::data),
                serializer, upcasters)) {
            messages = upcast.toList();
        }
        Map<String, TrackedEventMessage<?>> byId = new HashMap<>();
        messages.forEach(message -> byId.put(message.getIdentifier(), message));
        List<FeedEvent> events = new ArrayList<>(rows.size());
        for (Stored row : rows) {
            TrackedEventMessage<?> message = byId.get(row.data().getEventIdentifier());
            SerializedType current = serializer.typeForClass(message.getPayloadType());
            byte[] payload = row.data().getPayload().getData();
            byte[] metadata = row.data().getMetaData().getData();
            events.add(new FeedEvent(((GlobalSequenceTrackingToken) row.data().trackingToken()).getGlobalIndex(), current.getName(),
                    current.getRevision(), row.data().getType(), row.data().getAggregateIdentifier(), row.data().getSequenceNumber(),
                    row.data().getEventIdentifier(), row.timeStamp(), tree(message.getPayload()),
                    published(message.getMetaData()), row.hash() == null ? null : new FeedEvent.Chain(row.hash(), row.previousHash(),
                            row.data().getPayload().getType().getName(), row.data().getPayload().getType().getRevision(), Sha256.hex(payload),
                            Sha256.hex(metadata == null ? new byte[0] : metadata))));
        }
        return events;
    }

    private JsonNode tree(Object payload) {
        try {
            return json.readTree(serializer.serialize(payload, byte[].class).getData());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Map<String, Object> published(Map<String, ?> metadata) {
        Map<String, Object> published = new LinkedHashMap<>();
        METADATA.forEach(key -> {
            if (metadata.get(key) != null) {
                published.put(key, metadata.get(key));
            }
        });
        return published;
    }

    private static String marks(int count) {
        return String.join(", ", Collections.nCopies(count, "?"));
    }

    private static Stored row(ResultSet rs, int rowNumber) throws SQLException {
        return new Stored(new TrackedDomainEventData<>(new GlobalSequenceTrackingToken(rs.getLong(1)),
                new GenericDomainEventEntry<>(rs.getString(2), rs.getString(3), rs.getLong(4), rs.getString(5), rs.getString(6),
                        rs.getString(7), rs.getString(8), rs.getBytes(9), rs.getBytes(10))), rs.getString(6), rs.getString(11),
                rs.getString(12));
    }
}
