package org.publicbudget.ledger.query.proof;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import org.publicbudget.ledger.domain.Sha256;

/**
 * The hash of one stored event: SHA-256 over the previous event's hash in the same
 * stream and every stored column of this one (payload and metadata as bytes), so
 * that changing any of them, or the order of the stream, changes it.
 */
public final class EventHash {

    /** The "previous hash" of a stream's first event. */
    public static final String GENESIS = "0".repeat(64);

    private EventHash() {
    }

    /** One row of the event table, as stored. */
    public record StoredEvent(long globalIndex, String aggregateIdentifier, long sequenceNumber, String eventIdentifier,
            String payloadType, String payloadRevision, String timeStamp, byte[] payload, byte[] metaData) {
    }

    public static String of(String previousHash, StoredEvent event) {
        return of(previousHash, event.aggregateIdentifier(), event.sequenceNumber(), event.eventIdentifier(), event.payloadType(),
                event.payloadRevision(), event.timeStamp(), Sha256.hex(event.payload()),
                Sha256.hex(event.metaData() == null ? new byte[0] : event.metaData()));
    }

    /**
     * The same hash from the SHA-256 digests (hex) of the stored payload and metadata: what
     * a reader of the event feed, which sees the event in its current revision rather
     * than as stored, recomputes it from.
     */
    public static String of(String previousHash, String aggregateIdentifier, long sequenceNumber, String eventIdentifier,
            String payloadType, String payloadRevision, String timeStamp, String payloadSha256, String metaDataSha256) {
        MessageDigest digest = Sha256.digest();
        String header = previousHash + "\n" + aggregateIdentifier + "\n" + sequenceNumber + "\n" + eventIdentifier + "\n" + payloadType
                + "\n" + nullToEmpty(payloadRevision) + "\n" + timeStamp + "\n";
        digest.update(header.getBytes(StandardCharsets.UTF_8));
        digest.update(payloadSha256.getBytes(StandardCharsets.UTF_8));
        digest.update((byte) '\n');
        digest.update(metaDataSha256.getBytes(StandardCharsets.UTF_8));
        return Sha256.hex(digest, new byte[0]);
    }

    private static String nullToEmpty(String text) {
        return text == null ? "" : text;
    }
}
