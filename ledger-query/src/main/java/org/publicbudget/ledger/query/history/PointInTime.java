package org.publicbudget.ledger.query.history;

import java.time.Instant;

/**
 * A moment of the ledger's history: the events recorded at or before {@code asOf}, or
 * at or before event-store position {@code position}; both may apply. {@link #NOW}
 * means every event. This is the time a change was recorded, not the date it takes
 * effect: an effective date travels with each change and is reported beside it.
 */
public record PointInTime(Instant asOf, Long position) {

    public static final PointInTime NOW = new PointInTime(null, null);

    public boolean isNow() {
        return asOf == null && position == null;
    }
}
