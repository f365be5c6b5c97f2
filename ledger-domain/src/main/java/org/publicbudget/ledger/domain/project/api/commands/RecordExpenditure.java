package org.publicbudget.ledger.domain.project.api.commands;

import java.math.BigDecimal;
import java.time.LocalDate;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.publicbudget.ledger.domain.money.FundingSource;

/**
 * Pay {@code amount} (万元) from a project's allocation from {@code fundingSource} (预算执行):
 * refused when it would take what the source has spent above its allocation. The payee
 * (收款人) and the economic class (政府支出经济分类, e.g. 30201) are optional.
 */
public record RecordExpenditure(
        @TargetAggregateIdentifier String projectId,
        String expenditureId,
        FundingSource fundingSource,
        BigDecimal amount,
        LocalDate paidOn,
        String voucherNo,
        String reason,
        String payee,
        String economicClass) {

    /** A payment without its payee (收款人) or economic class (政府支出经济分类). */
    public RecordExpenditure(String projectId, String expenditureId, FundingSource fundingSource, BigDecimal amount, LocalDate paidOn,
            String voucherNo, String reason) {
        this(projectId, expenditureId, fundingSource, amount, paidOn, voucherNo, reason, null, null);
    }
}
