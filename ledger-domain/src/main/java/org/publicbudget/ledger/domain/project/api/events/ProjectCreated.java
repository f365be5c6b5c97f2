package org.publicbudget.ledger.domain.project.api.events;

import java.math.BigDecimal;
import java.util.Map;
import org.axonframework.serialization.Revision;
import org.publicbudget.ledger.domain.money.FundingSource;
import org.publicbudget.ledger.domain.organisation.DepartmentScoped;

/** A project was opened with its starting allocation per funding source (万元). */
@Revision("2")
public record ProjectCreated(
        String projectId,
        String departmentId,
        String department,
        int fiscalYear,
        String unitId,
        String unit,
        String name,
        String goal,
        Map<FundingSource, BigDecimal> allocations) implements DepartmentScoped, ProjectEvent {
}
