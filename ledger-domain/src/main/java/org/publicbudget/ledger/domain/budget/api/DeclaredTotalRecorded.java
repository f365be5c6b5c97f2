package org.publicbudget.ledger.domain.budget.api;

import java.math.BigDecimal;
import org.axonframework.serialization.Revision;
import org.publicbudget.ledger.domain.organisation.DepartmentScoped;

/**
 * A budget document declared a total: the department's grand total when
 * {@code unitId} is null, otherwise the unit's. {@code before} is null the first time.
 */
@Revision("2")
public record DeclaredTotalRecorded(
        String departmentId,
        String department,
        int fiscalYear,
        String unitId,
        String unit,
        BigDecimal before,
        BigDecimal after,
        String reason) implements DepartmentScoped {
}
