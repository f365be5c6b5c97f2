package org.publicbudget.ledger.domain.project.api.events;

import java.math.BigDecimal;
import java.time.LocalDate;
import org.axonframework.serialization.Revision;
import org.publicbudget.ledger.domain.money.FundingSource;
import org.publicbudget.ledger.domain.organisation.DepartmentScoped;

/**
 * A payment taken back on {@code reversedOn} under the reversing voucher
 * {@code reversalVoucherNo} (null when none was given): {@code amount} returns to the allocation from
 * {@code fundingSource}, which took what the source has spent from {@code spentBefore}
 * to {@code spentAfter} (万元). {@code voucherNo} is the payment's own voucher.
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
        LocalDate reversedOn,
        String reversalVoucherNo,
        String reason) implements DepartmentScoped, ProjectEvent {
}
