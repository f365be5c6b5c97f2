package org.publicbudget.ledger.domain.project.api.events;

import java.math.BigDecimal;
import org.axonframework.serialization.Revision;
import org.publicbudget.ledger.domain.money.FundingSource;
import org.publicbudget.ledger.domain.organisation.DepartmentScoped;

/**
 * One side of a transfer between projects (预算调剂). Both sides carry the same
 * {@code transferId}; {@code counterpartProjectId} names the other side. On the
 * giving side {@code after} is {@code before − amount}, on the receiving side
 * {@code before + amount}; the two sides are written in one transaction.
 */
@Revision("2")
public record AllocationTransferred(
        String projectId,
        String departmentId,
        String unitId,
        String transferId,
        String counterpartProjectId,
        FundingSource fundingSource,
        BigDecimal before,
        BigDecimal after,
        String reason) implements DepartmentScoped, ProjectEvent {

    public BigDecimal delta() {
        return after.subtract(before);
    }
}
