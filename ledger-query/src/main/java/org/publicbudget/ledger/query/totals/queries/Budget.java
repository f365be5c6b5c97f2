package org.publicbudget.ledger.query.totals.queries;

import java.math.BigDecimal;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import org.publicbudget.ledger.domain.money.Allocations;
import org.publicbudget.ledger.domain.money.Amounts;
import org.publicbudget.ledger.domain.money.FundingSource;

/**
 * The original budget (年初预算) and what has been adjusted since (调整数): the original
 * is what the projects were created with or a budget document gave them without a
 * date of its own; adjustments are the revisions, transfers and withdrawals since. The
 * adjusted budget (调整后预算) is their sum, the {@code computedTotal} beside them.
 */
public record Budget(
        BigDecimal originalTotal,
        BigDecimal adjustments,
        Map<FundingSource, BigDecimal> originalBySource,
        Map<FundingSource, BigDecimal> adjustmentsBySource) {

    public static Budget of(Map<FundingSource, BigDecimal> original, Map<FundingSource, BigDecimal> adjusted) {
        Map<FundingSource, BigDecimal> originalBySource = new EnumMap<>(FundingSource.class);
        Map<FundingSource, BigDecimal> adjustmentsBySource = new EnumMap<>(FundingSource.class);
        for (FundingSource source : FundingSource.values()) {
            BigDecimal first = original.getOrDefault(source, BigDecimal.ZERO);
            originalBySource.put(source, Amounts.canonical(first));
            adjustmentsBySource.put(source, Amounts.canonical(adjusted.getOrDefault(source, BigDecimal.ZERO).subtract(first)));
        }
        BigDecimal originalTotal = Allocations.total(originalBySource);
        return new Budget(Amounts.canonical(originalTotal), Amounts.canonical(Allocations.total(adjusted).subtract(originalTotal)),
                Collections.unmodifiableMap(originalBySource), Collections.unmodifiableMap(adjustmentsBySource));
    }
}
