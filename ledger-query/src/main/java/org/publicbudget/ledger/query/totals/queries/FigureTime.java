package org.publicbudget.ledger.query.totals.queries;

import java.time.LocalDate;

/**
 * Which figures a read shows: as recorded by a position in the event store (null: now),
 * and, if {@code effectiveOn} is given, counting only the changes that took effect by
 * the end of that budget day. Both together answer "what did the books say on
 * 2026-03-01 about 2025-12-31".
 */
public record FigureTime(Long position, LocalDate effectiveOn) {

    public static FigureTime now() {
        return new FigureTime(null, null);
    }

    public static FigureTime at(Long position) {
        return new FigureTime(position, null);
    }

    boolean current() {
        return position == null && effectiveOn == null;
    }
}
