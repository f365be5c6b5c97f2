package org.publicbudget.ledger.query.totals.queries;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import java.math.BigDecimal;
import java.util.Map;
import org.publicbudget.ledger.domain.money.FundingSource;

/**
 * A department's budget: what its document declares, what its projects add up to, and
 * the difference. {@code firstPosition} is where the ledger first saw it.
 */
public record DepartmentTotals(
        String departmentId,
        String name,
        int fiscalYear,
        BigDecimal declaredTotal,
        BigDecimal computedTotal,
        BigDecimal variance,
        BigDecimal documentVariance,
        @JsonUnwrapped Budget budget,
        Map<FundingSource, BigDecimal> allocations,
        @JsonUnwrapped Execution execution,
        long firstPosition) {
}
