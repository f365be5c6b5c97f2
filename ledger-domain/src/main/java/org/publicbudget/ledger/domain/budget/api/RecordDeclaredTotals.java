package org.publicbudget.ledger.domain.budget.api;

import java.math.BigDecimal;
import java.util.Map;
import java.util.Set;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Record what a department's budget document declares: its grand total (合计), each
 * unit's total, and which projects it lists. Only what differs from the previous
 * edition is recorded.
 */
public record RecordDeclaredTotals(
        @TargetAggregateIdentifier String departmentId,
        String department,
        int fiscalYear,
        BigDecimal grandTotal,
        Map<String, BigDecimal> unitTotals,
        Set<String> listedProjectIds,
        String reason) {
}
