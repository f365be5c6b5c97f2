package org.publicbudget.ledger.domain.project.api.commands;

import java.math.BigDecimal;
import java.time.LocalDate;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.publicbudget.ledger.domain.money.FundingSource;

/**
 * Pay {@code amount} (万元) from a project's allocation from {@code fundingSource} (预算执行):
 * refused when it would take what the source has spent above its allocation.
 */
public record RecordExpenditure(
        @TargetAggregateIdentifier String projectId,
        String expenditureId,
        FundingSource fundingSource,
        BigDecimal amount,
        LocalDate paidOn,
        String voucherNo,
        String reason) {
}
