package org.publicbudget.ledger.query.proof;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.function.BiConsumer;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Checks stored events against the hash chain written with them, for a range of
 * positions: each event against its own hash (ALTERED), its place against where it was
 * written (REORDERED), its link to its stream's previous event (BROKEN_LINK); events
 * the ledger never chained (UNCHAINED); chained events that are gone (DELETED). The
 * rows come through one joined statement, streamed, so any range — the whole store
 * for an operator's verification, the newest events for an auditor's — costs what it
 * covers.
 */
final class ChainCheck {

    /** What a range held: events, of which first events of a stream, the newest event's position, and every position met (events, and chained events that are gone). */
    record Counts(long events, long streams, long newest, List<Long> positions) {
    }

    private static final String EVENTS = "SELECT e.globalIndex, e.aggregateIdentifier, e.sequenceNumber, e.eventIdentifier, e.payloadType, "
            + "e.payloadRevision, e.timeStamp, e.payload, e.metaData, c.global_index, c.aggregate_identifier, c.sequence_number, "
            + "c.previous_hash, c.hash, p.hash FROM domainevententry e "
            + "LEFT JOIN event_chain c ON c.event_identifier = e.eventIdentifier "
            + "LEFT JOIN event_chain p ON p.aggregate_identifier = c.aggregate_identifier AND p.sequence_number = c.sequence_number - 1 ";
    private static final String GONE = "SELECT c.aggregate_identifier, c.sequence_number, c.global_index FROM event_chain c "
            + "LEFT JOIN domainevententry e ON e.eventIdentifier = c.event_identifier ";

    private ChainCheck() {
    }

    /**
     * Checks positions in ({@code after}, {@code upTo}] and the positions {@code also};
     * {@code keepPositions} collects the positions met (for finding the gaps of a range).
     */
    static Counts check(JdbcTemplate jdbc, long after, long upTo, Collection<Long> also, boolean keepPositions,
            BiConsumer<Long, VerificationReport.Problem> problems) {
        List<Object> args = new ArrayList<>(List.of(after, upTo));
        String extra = "";
        if (!also.isEmpty()) {
            extra = " OR %s IN (" + String.join(", ", Collections.nCopies(also.size(), "?")) + ")";
            args.addAll(also);
        }
        long[] counts = {0, 0, -1};
        List<Long> positions = new ArrayList<>();
        jdbc.query(EVENTS + "WHERE (e.globalIndex > ? AND e.globalIndex <= ?" + extra.formatted("e.globalIndex") + ") ORDER BY e.globalIndex",
                rs -> {
                    EventHash.StoredEvent event = EventChain.stored(rs);
                    counts[0]++;
                    counts[1] += event.sequenceNumber() == 0 ? 1 : 0;
                    counts[2] = Math.max(counts[2], event.globalIndex());
                    if (keepPositions) {
                        positions.add(event.globalIndex());
                    }
                    String chainedAggregate = rs.getString(11);
                    if (chainedAggregate == null) {
                        problems.accept(event.globalIndex(), problem("UNCHAINED", event, "event " + event.eventIdentifier()
                                + " was not written by the ledger"));
                        return;
                    }
                    long chainedSequence = rs.getLong(12);
                    long chainedPosition = rs.getLong(10);
                    String previousHash = rs.getString(13);
                    if (!chainedAggregate.equals(event.aggregateIdentifier()) || chainedSequence != event.sequenceNumber()
                            || chainedPosition != event.globalIndex()) {
                        problems.accept(event.globalIndex(), problem("REORDERED", event, "event " + event.eventIdentifier() + " was written as number "
                                + chainedSequence + " of " + chainedAggregate + " at position " + chainedPosition
                                + ", and now stands as number " + event.sequenceNumber() + " at position " + event.globalIndex()));
                    } else if (!EventHash.of(previousHash, event).equals(rs.getString(14))) {
                        problems.accept(event.globalIndex(), problem("ALTERED", event, "event " + event.eventIdentifier() + " (" + simpleName(event.payloadType())
                                + ") no longer matches the hash written with it"));
                    }
                    String linked = chainedSequence == 0 ? EventHash.GENESIS : rs.getString(15);
                    if (!previousHash.equals(linked)) {
                        problems.accept(event.globalIndex(), new VerificationReport.Problem("BROKEN_LINK", chainedAggregate, chainedSequence,
                                "the chain does not link event number " + chainedSequence + " of " + chainedAggregate + " to its predecessor"));
                    }
                }, args.toArray());
        jdbc.query(GONE + "WHERE (c.global_index > ? AND c.global_index <= ?" + extra.formatted("c.global_index")
                + ") AND e.eventIdentifier IS NULL ORDER BY c.global_index", rs -> {
                    if (keepPositions) {
                        positions.add(rs.getLong(3));
                    }
                    problems.accept(rs.getLong(3), new VerificationReport.Problem("DELETED", rs.getString(1), rs.getLong(2), "event number " + rs.getLong(2)
                            + " of " + rs.getString(1) + " at position " + rs.getLong(3) + " is missing"));
                }, args.toArray());
        return new Counts(counts[0], counts[1], counts[2], positions);
    }

    private static VerificationReport.Problem problem(String kind, EventHash.StoredEvent event, String message) {
        return new VerificationReport.Problem(kind, event.aggregateIdentifier(), event.sequenceNumber(), message);
    }

    private static String simpleName(String type) {
        return type.substring(type.lastIndexOf('.') + 1);
    }
}
