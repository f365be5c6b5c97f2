package org.publicbudget.ledger.domain.money;

import java.math.BigDecimal;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;

/** A project's money per funding source. Every source is present; a missing one is zero. */
public final class Allocations {

    private Allocations() {
    }

    /** The allocations checked one by one, with absent sources filled in as zero. */
    public static Map<FundingSource, BigDecimal> valid(Map<FundingSource, BigDecimal> given) {
        Map<FundingSource, BigDecimal> result = new EnumMap<>(FundingSource.class);
        for (FundingSource source : FundingSource.values()) {
            BigDecimal amount = given == null ? null : given.get(source);
            result.put(source, Amounts.valid("allocations." + source.name(), amount == null ? BigDecimal.ZERO : amount));
        }
        return Collections.unmodifiableMap(result);
    }

    /** 总计: the sum over all funding sources. */
    public static BigDecimal total(Map<FundingSource, BigDecimal> allocations) {
        return allocations.values().stream().reduce(BigDecimal.ZERO, BigDecimal::add);
    }
}
