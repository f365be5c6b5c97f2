package org.publicbudget.ledger.domain.project.api.events;

import java.math.BigDecimal;
import java.time.LocalDate;
import org.axonframework.serialization.Revision;
import org.publicbudget.ledger.domain.money.FundingSource;
import org.publicbudget.ledger.domain.organisation.DepartmentScoped;

/**
 * A payment from a project's allocation: {@code amount} from {@code fundingSource}, paid on
 * {@code paidOn} under voucher {@code voucherNo}, which took what the source has spent from
 * {@code spentBefore} to {@code spentAfter} (万元).
 */
@Revision("1")
public record ExpenditureRecorded(
        String projectId,
        String departmentId,
        String unitId,
        String expenditureId,
        FundingSource fundingSource,
        BigDecimal amount,
        BigDecimal spentBefore,
        BigDecimal spentAfter,
        LocalDate paidOn,
        String voucherNo,
        String reason) implements DepartmentScoped, ProjectEvent {
}
