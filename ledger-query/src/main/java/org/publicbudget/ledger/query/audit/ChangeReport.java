package org.publicbudget.ledger.query.audit;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import org.publicbudget.ledger.query.audit.words.ChangeWords;

/**
 * What changed in a department's budget between two moments, by whom and why, in
 * event-store order. {@code fromPosition} and {@code toPosition} are the moments as
 * positions in the store; {@code changes} is one page, continued with {@code nextAfter}.
 * Each change has the budget day it took effect on ({@code effectiveOn}) and its
 * description in Chinese ({@code descriptionZh}) beside the journal's {@code what}.
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
            String document, String expenditureId, String voucherNo, String paidOn, String effectiveOn, String descriptionZh) {
    }

    /**
     * Which changes a report keeps: of these kinds of event (all when empty), of one
     * project, by one actor, with or without those an import made, and effective by a
     * budget day ({@code effectiveOn}, ISO text; null: whenever).
     */
    public record Filter(List<String> kinds, String projectId, String actor, boolean withoutImports, String effectiveOn) {

        public static Filter none() {
            return new Filter(List.of(), null, null, false, null);
        }

        /** Whether {@code kind} is a kind of change the journal records. */
        public static boolean known(String kind) {
            return ChangeWords.KINDS.contains(kind);
        }
    }
}
