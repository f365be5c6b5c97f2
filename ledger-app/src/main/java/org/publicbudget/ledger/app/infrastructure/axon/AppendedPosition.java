package org.publicbudget.ledger.app.infrastructure.axon;

import java.util.OptionalLong;

/**
 * The newest position in the event store that the current request's events landed at,
 * so that its answer can tell the client (header {@code Ledger-Position}) and the
 * client can read its own writes ({@code minPosition}). Commands run on the request's
 * thread; a filter clears this at the start of every request.
 */
public final class AppendedPosition {

    private static final ThreadLocal<long[]> NEWEST = ThreadLocal.withInitial(() -> new long[] {-1});

    private AppendedPosition() {
    }

    public static void clear() {
        NEWEST.get()[0] = -1;
    }

    static void record(long position) {
        long[] newest = NEWEST.get();
        newest[0] = Math.max(newest[0], position);
    }

    public static OptionalLong newest() {
        long newest = NEWEST.get()[0];
        return newest < 0 ? OptionalLong.empty() : OptionalLong.of(newest);
    }
}
