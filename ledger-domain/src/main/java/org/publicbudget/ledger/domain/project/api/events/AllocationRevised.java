package org.publicbudget.ledger.domain.project.api.events;

import java.math.BigDecimal;
import org.axonframework.serialization.Revision;
import org.publicbudget.ledger.domain.money.FundingSource;
import org.publicbudget.ledger.domain.organisation.DepartmentScoped;

/** A project's allocation from one funding source changed from {@code before} to {@code after} (万元). */
@Revision("2")
public record AllocationRevised(
        String projectId,
        String departmentId,
        String unitId,
        FundingSource fundingSource,
        BigDecimal before,
        BigDecimal after,
        String reason) implements DepartmentScoped, ProjectEvent {

    public BigDecimal delta() {
        return after.subtract(before);
    }
}
