package org.publicbudget.ledger.query.audit;

import java.math.BigDecimal;
import java.time.Instant;
import org.publicbudget.ledger.domain.money.Amounts;
import org.publicbudget.ledger.domain.money.FundingSource;

/**
 * One event that changed a figure: where it stands in the event store, who did it
 * and why (the document and lines of an import; the 文号 and effective date of a revision;
 * the transfer and the batch it belongs to; the payment, its voucher, the date it was paid, its payee and economic class; a reversal, the voucher of the payment it reverses), and the figure
 * before and after it; {@code effectiveOn}, the budget day it took effect on (see
 * BudgetDay). {@code fundingSource} is null for a project's creation, which sets every source at once.
 */
public record TrailStep(
        long position,
        String eventId,
        String eventType,
        Instant recordedAt,
        String projectId,
        FundingSource fundingSource,
        BigDecimal before,
        BigDecimal delta,
        BigDecimal after,
        String actor,
        String reason,
        String correlationId,
        String requestId,
        String document,
        String sourceLines,
        String documentNumber,
        String effectiveDate,
        String transferId,
        String batchId,
        String expenditureId,
        String voucherNo,
        String paidOn,
        String effectiveOn,
        String payee,
        String economicClass,
        String reversesVoucherNo) {

    /** This step starting from {@code before}: its after moved by its delta (a trail of the changes effective by a day). */
    TrailStep from(BigDecimal before) {
        return new TrailStep(position, eventId, eventType, recordedAt, projectId, fundingSource, Amounts.canonical(before), delta,
                Amounts.canonical(before.add(delta)), actor, reason, correlationId, requestId, document, sourceLines, documentNumber,
                effectiveDate, transferId, batchId, expenditureId, voucherNo, paidOn, effectiveOn, payee, economicClass, reversesVoucherNo);
    }
}
