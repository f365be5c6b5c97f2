package org.publicbudget.ledger.domain.project.api.events;

import java.math.BigDecimal;
import java.time.LocalDate;
import org.axonframework.serialization.Revision;
import org.publicbudget.ledger.domain.money.FundingSource;
import org.publicbudget.ledger.domain.organisation.DepartmentScoped;

/**
 * A payment from a project's allocation: {@code amount} from {@code fundingSource}, paid on
 * {@code paidOn} under voucher {@code voucherNo}, which took what the source has spent from
 * {@code spentBefore} to {@code spentAfter} (万元); to {@code payee} (收款人), under the
 * economic class {@code economicClass} (政府支出经济分类), either null when not given.
 * Revision 2 added those two; a revision-1 payment reads with both null.
 */
@Revision("2")
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
        String reason,
        String payee,
        String economicClass) implements DepartmentScoped, ProjectEvent {

    /** A payment recorded without payee or economic class, as every payment of revision 1 was. */
    public ExpenditureRecorded(String projectId, String departmentId, String unitId, String expenditureId, FundingSource fundingSource,
            BigDecimal amount, BigDecimal spentBefore, BigDecimal spentAfter, LocalDate paidOn, String voucherNo, String reason) {
        this(projectId, departmentId, unitId, expenditureId, fundingSource, amount, spentBefore, spentAfter, paidOn, voucherNo, reason, null,
                null);
    }
}
