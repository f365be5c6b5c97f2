package org.publicbudget.ledger.query.audit;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/**
 * What changed in a department's budget between two moments, by whom and why, in
 * event-store order. {@code fromPosition} and {@code toPosition} are the moments as
 * positions in the store; {@code changes} is one page, continued with {@code nextAfter}.
 */
public record ChangeReport(String departmentId, Instant from, Instant to, long fromPosition, long toPosition, List<Change> changes,
        Long nextAfter) {

    /**
     * One change; the amounts are set where the change moved money, and {@code figure} says
     * which: {@code allocated}, {@code declared} (a declared total) or {@code spent} (a payment
     * or its reversal, with its voucher, date and payment id).
     */
    public record Change(long position, Instant recordedAt, String effectiveDate, String eventType, String projectId, String what,
            String fundingSource, String figure, BigDecimal before, BigDecimal after, String actor, String reason, String documentNumber,
            String document, String expenditureId, String voucherNo, String paidOn) {
    }
}
