package org.publicbudget.ledger.domain.project.api;

import java.math.BigDecimal;
import org.axonframework.serialization.Revision;
import org.publicbudget.ledger.domain.money.FundingSource;
import org.publicbudget.ledger.domain.organisation.DepartmentScoped;

/**
 * A payment taken back: {@code amount} returns to the allocation from {@code fundingSource},
 * which took what the source has spent from {@code spentBefore} to {@code spentAfter} (万元).
 */
@Revision("1")
public record ExpenditureReversed(
        String projectId,
        String departmentId,
        String unitId,
        String expenditureId,
        FundingSource fundingSource,
        BigDecimal amount,
        BigDecimal spentBefore,
        BigDecimal spentAfter,
        String voucherNo,
        String reason) implements DepartmentScoped, ProjectEvent {
}
