package org.publicbudget.ledger.query.readmodel;

import java.time.Instant;
import java.util.Map;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.TrackedEventMessage;

/**
 * An event as a read model sees it: where it stands in the event store, which stream
 * it belongs to, when it was recorded, what it says and its metadata (who, why, from
 * which request and document).
 */
public record ProjectedEvent(long position, String eventId, String aggregateId, long sequence, Instant recordedAt, Object payload,
        Map<String, ?> metadata) {

    /**
     * An event read straight from the store's table, whose tracking token is its own
     * position (see {@code EventReader}). A processor's token is not: after an event that
     * committed late fills a gap, the token still names the highest position seen — use
     * {@link #of(EventMessage, long)} with the position looked up.
     */
    public static ProjectedEvent of(EventMessage<?> message) {
        if (!(message instanceof TrackedEventMessage<?> tracked)) {
            throw new IllegalArgumentException("not an event read from the event store: " + message.getIdentifier());
        }
        return of(message, tracked.trackingToken().position()
                .orElseThrow(() -> new IllegalArgumentException("event " + message.getIdentifier() + " has no position")));
    }

    /** An event of an aggregate at a known position in the store. */
    public static ProjectedEvent of(EventMessage<?> message, long position) {
        if (!(message instanceof DomainEventMessage<?> domain)) {
            throw new IllegalArgumentException("not an event of an aggregate: " + message.getIdentifier());
        }
        return new ProjectedEvent(position, message.getIdentifier(), domain.getAggregateIdentifier(), domain.getSequenceNumber(),
                message.getTimestamp(), message.getPayload(), message.getMetaData());
    }

    /** A metadata value as text, or null when the event does not carry it. */
    public String metadata(String key) {
        Object value = metadata.get(key);
        return value == null ? null : value.toString();
    }

    /** The event's type as the catalogue names it, e.g. AllocationRevised. */
    public String type() {
        return payload.getClass().getSimpleName();
    }
}
