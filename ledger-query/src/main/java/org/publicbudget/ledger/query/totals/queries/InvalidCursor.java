package org.publicbudget.ledger.query.totals.queries;

/** An {@code after} that is not the {@code next} cursor of a page of the same list. */
public class InvalidCursor extends IllegalArgumentException {

    public InvalidCursor() {
        super("after must be the next cursor of a page of this list");
    }
}
