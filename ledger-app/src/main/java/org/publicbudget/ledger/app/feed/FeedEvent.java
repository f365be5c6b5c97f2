package org.publicbudget.ledger.app.feed;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;

/**
 * One event as the feed gives it, in the catalogue's terms (docs/events.md): its
 * position, stable name and current revision, its stream, its fields as JSON in that
 * revision, the metadata the catalogue publishes, and what a reader needs to recompute
 * the chain hash written with it ({@link Chain}).
 */
public record FeedEvent(long position, String type, String revision, String aggregateType, String aggregateId, long sequence,
        String eventId, String timestamp, JsonNode payload, Map<String, Object> metadata, Chain chain) {

    /**
     * The chain hash written with the event and the one before it in its stream, with the
     * name and revision it is stored under and the SHA-256 of its stored payload and
     * metadata bytes: with the event's own fields, everything {@code EventHash} hashes.
     */
    public record Chain(String hash, String previousHash, String storedType, String storedRevision, String payloadSha256,
            String metadataSha256) {
    }
}
