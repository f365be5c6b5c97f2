package org.publicbudget.ledger.query.audit;

/** Which steps of a trail to return: those after event-store position {@code after}, at most {@code limit}. */
public record TrailPage(long after, int limit) {

    public static final int MAX_LIMIT = 1000;
}
