package org.publicbudget.ledger.query.totals.queries;

import java.util.List;

/**
 * One page of a list, in the list's order; {@code next} is the cursor of the page after
 * it (give it as {@code after}), null on the last page.
 */
public record Page<T>(List<T> items, String next) {

    public static final int MAX_LIMIT = 1000;
}
