package org.publicbudget.ledger.query.totals.queries;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import java.math.BigDecimal;
import java.util.Map;
import org.publicbudget.ledger.domain.money.FundingSource;

/**
 * A unit (预算单位) in a department: declared, computed and variance, and how many
 * projects it has. {@code firstPosition} is where the ledger first saw it, which orders
 * a department's units as its document did.
 */
public record UnitTotals(
        String unitId,
        String departmentId,
        String name,
        BigDecimal declaredTotal,
        BigDecimal computedTotal,
        BigDecimal variance,
        BigDecimal documentVariance,
        @JsonUnwrapped Budget budget,
        int projects,
        Map<FundingSource, BigDecimal> allocations,
        @JsonUnwrapped Execution execution,
        long firstPosition) {
}
