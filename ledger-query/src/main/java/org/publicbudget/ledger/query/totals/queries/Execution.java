package org.publicbudget.ledger.query.totals.queries;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;
import org.publicbudget.ledger.domain.money.Allocations;
import org.publicbudget.ledger.domain.money.Amounts;
import org.publicbudget.ledger.domain.money.FundingSource;

/**
 * Budget execution (预算执行) of a project, unit or department: what it has spent, what is
 * still available (allocated − spent) and the execution rate (spent ÷ allocated), in
 * total and per funding source. The rate is a fraction with {@value #RATE_SCALE}
 * decimals (0.8523 is 85.23 %), rounded toward zero so that it never overstates
 * execution and 1.0000 means everything is spent; it is null where nothing is allocated.
 */
public record Execution(
        BigDecimal spent,
        BigDecimal available,
        BigDecimal executionRate,
        Map<FundingSource, BigDecimal> spentBySource,
        Map<FundingSource, BigDecimal> availableBySource,
        Map<FundingSource, BigDecimal> executionRateBySource) {

    public static final int RATE_SCALE = 4;

    public static Execution of(Map<FundingSource, BigDecimal> allocated, Map<FundingSource, BigDecimal> spent) {
        Map<FundingSource, BigDecimal> spentBySource = new EnumMap<>(FundingSource.class);
        Map<FundingSource, BigDecimal> availableBySource = new EnumMap<>(FundingSource.class);
        // a source with nothing allocated has no rate: kept as a null value, not left out
        Map<FundingSource, BigDecimal> rateBySource = new LinkedHashMap<>();
        for (FundingSource source : FundingSource.values()) {
            BigDecimal given = allocated.getOrDefault(source, BigDecimal.ZERO);
            BigDecimal paid = spent.getOrDefault(source, BigDecimal.ZERO);
            spentBySource.put(source, Amounts.canonical(paid));
            availableBySource.put(source, Amounts.canonical(given.subtract(paid)));
            rateBySource.put(source, rate(paid, given));
        }
        BigDecimal allocatedTotal = Allocations.total(allocated);
        BigDecimal spentTotal = Allocations.total(spentBySource);
        return new Execution(Amounts.canonical(spentTotal), Amounts.canonical(allocatedTotal.subtract(spentTotal)),
                rate(spentTotal, allocatedTotal), Collections.unmodifiableMap(spentBySource),
                Collections.unmodifiableMap(availableBySource), Collections.unmodifiableMap(rateBySource));
    }

    /** spent ÷ allocated, {@value #RATE_SCALE} decimals rounded toward zero; null when nothing is allocated. */
    public static BigDecimal rate(BigDecimal spent, BigDecimal allocated) {
        return allocated.signum() == 0 ? null : spent.divide(allocated, RATE_SCALE, RoundingMode.DOWN);
    }
}
