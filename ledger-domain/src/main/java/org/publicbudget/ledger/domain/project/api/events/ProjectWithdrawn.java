package org.publicbudget.ledger.domain.project.api.events;

import java.math.BigDecimal;
import java.util.Map;
import org.axonframework.serialization.Revision;
import org.publicbudget.ledger.domain.money.FundingSource;
import org.publicbudget.ledger.domain.organisation.DepartmentScoped;

/** A project left the budget; {@code allocations} is what it held, which leaves the unit and department totals. */
@Revision("2")
public record ProjectWithdrawn(
        String projectId,
        String departmentId,
        String unitId,
        Map<FundingSource, BigDecimal> allocations,
        String reason) implements DepartmentScoped, ProjectEvent {
}
