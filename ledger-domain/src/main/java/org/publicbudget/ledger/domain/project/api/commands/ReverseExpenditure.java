package org.publicbudget.ledger.domain.project.api.commands;

import java.time.LocalDate;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Take back a payment recorded in error (冲销), on {@code reversedOn} under the reversing
 * voucher {@code voucherNo} (红字冲销凭证); the payment stays in the history beside its reversal.
 * Without a date the reversal is dated today (UTC), or the last day of the project's fiscal
 * year once that year has ended; without a voucher it has none.
 */
public record ReverseExpenditure(@TargetAggregateIdentifier String projectId, String expenditureId, LocalDate reversedOn, String voucherNo,
        String reason) {
}
