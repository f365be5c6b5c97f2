package org.publicbudget.ledger.domain.budget.api;

import org.axonframework.serialization.Revision;
import org.publicbudget.ledger.domain.organisation.DepartmentScoped;

/** A unit was registered in a department's budget. */
@Revision("1")
public record UnitRegistered(String departmentId, String department, int fiscalYear, String unitId, String unit, String reason)
        implements DepartmentScoped {
}
