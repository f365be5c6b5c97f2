package org.publicbudget.ledger.app.operations;

import java.time.Instant;
import java.util.List;

/**
 * An event processor across all nodes. {@code position} is the lowest position any
 * segment has reached (everything up to it is in the read model), {@code head} the
 * newest event in the store. While a rebuild runs, speed and ETA are the rebuild's.
 */
public record ProcessorStatus(String name, long position, long head, long lag, boolean replaying, boolean caughtUp,
        boolean runningHere, String activeCopy, List<SegmentStatus> segments, long eventsPerSecond, Long etaSeconds,
        List<String> errors, Rebuild rebuild) {

    /** One segment: who claims it (null when nobody does) and how far it got. */
    public record SegmentStatus(int segment, String owner, Instant claimedAt, Long position) {
    }
}
