package org.publicbudget.ledger.query.history;

/** The ledger as it stood at a point in time, recomputed from the events recorded up to then. */
public class LedgerHistory {

    private final EventReader events;

    public LedgerHistory(EventReader events) {
        this.events = events;
    }

    public LedgerState at(PointInTime at) {
        return LedgerState.of(events.read("1 = 1", at));
    }
}
