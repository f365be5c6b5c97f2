package org.publicbudget.ledger.query.totals;

import static org.publicbudget.ledger.query.totals.TotalsTables.amount;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.Map;
import org.publicbudget.ledger.domain.money.FundingSource;

/**
 * A change of a figure's money: per funding source what it is given and what it has
 * spent, the projects it counts, breaks; {@code source} names the one funding source
 * changed (null when all may be), {@code moves} which of the two it moved.
 */
record Move(Map<FundingSource, BigDecimal> allocated, Map<FundingSource, BigDecimal> spent, long projects, long breaks,
        FundingSource source, String moves) {

    static Move allocation(Map<FundingSource, BigDecimal> changes, long projects, long breaks, FundingSource source) {
        return new Move(changes, Map.of(), projects, breaks, source, TotalsTables.ALLOCATED);
    }

    static Move spending(Map<FundingSource, BigDecimal> changes, long breaks, FundingSource source) {
        return new Move(Map.of(), changes, 0, breaks, source, TotalsTables.SPENT);
    }

    /** Each amount column's change; the original budget's columns move with the allocations when {@code original}. */
    Map<String, BigDecimal> columns(boolean original) {
        Map<String, BigDecimal> columns = new LinkedHashMap<>();
        for (FundingSource s : FundingSource.values()) {
            columns.put(amount(s), allocated.getOrDefault(s, BigDecimal.ZERO));
            columns.put(TotalsTables.spent(s), spent.getOrDefault(s, BigDecimal.ZERO));
            columns.put(TotalsTables.original(s), original ? allocated.getOrDefault(s, BigDecimal.ZERO) : BigDecimal.ZERO);
        }
        return columns;
    }
}
