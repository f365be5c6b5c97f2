package org.publicbudget.ledger.query.proof;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

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
        MessageDigest digest = sha256();
        String header = previousHash + "\n" + event.aggregateIdentifier() + "\n" + event.sequenceNumber() + "\n"
                + event.eventIdentifier() + "\n" + event.payloadType() + "\n" + nullToEmpty(event.payloadRevision()) + "\n"
                + event.timeStamp() + "\n";
        digest.update(header.getBytes(StandardCharsets.UTF_8));
        digest.update(HexFormat.of().formatHex(sha256().digest(event.payload())).getBytes(StandardCharsets.UTF_8));
        digest.update((byte) '\n');
        digest.update(HexFormat.of().formatHex(sha256().digest(event.metaData() == null ? new byte[0] : event.metaData()))
                .getBytes(StandardCharsets.UTF_8));
        return HexFormat.of().formatHex(digest.digest());
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    private static String nullToEmpty(String text) {
        return text == null ? "" : text;
    }
}
