package org.publicbudget.ledger.domain.project;

import java.math.BigDecimal;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;
import org.publicbudget.ledger.domain.BudgetRuleViolation;
import org.publicbudget.ledger.domain.money.Allocations;
import org.publicbudget.ledger.domain.money.Amounts;
import org.publicbudget.ledger.domain.money.FundingSource;
import org.publicbudget.ledger.domain.project.api.NoSuchExpenditure;
import org.publicbudget.ledger.domain.project.api.events.ExpenditureRecorded;
import org.publicbudget.ledger.domain.project.api.events.ExpenditureReversed;

/**
 * What a project has paid (预算执行), part of its state: per source what is spent, each
 * payment, and the payment each voucher line made while it stands. The rules that need
 * only this are here; the project applies the events.
 */
final class Spending {

    private static final BigDecimal NOTHING = Amounts.canonical(BigDecimal.ZERO);

    private final Map<FundingSource, BigDecimal> spent = new EnumMap<>(FundingSource.class);
    private final Map<String, Payment> payments = new HashMap<>();
    /** The payment each voucher line (source and voucher number) paid, while it is not reversed. */
    private final Map<String, String> vouchersPaid = new HashMap<>();

    BigDecimal of(FundingSource source) {
        return spent.getOrDefault(source, NOTHING);
    }

    BigDecimal total() {
        return Allocations.total(spent);
    }

    /** A new payment, a voucher line not paid already, and no more than {@code allocated} leaves available. */
    void requirePayable(String expenditureId, FundingSource source, BigDecimal amount, String voucherNo, BigDecimal allocated) {
        if (payments.containsKey(expenditureId)) {
            throw new BudgetRuleViolation("expenditureId", "payment " + expenditureId + " is already recorded");
        }
        String paidBefore = vouchersPaid.get(Payment.voucherLine(source, voucherNo));
        if (paidBefore != null) {
            throw new BudgetRuleViolation("voucherNo", "voucher " + voucherNo + " already paid " + payments.get(paidBefore).amount().toPlainString()
                    + " from " + source + " of this project (payment " + paidBefore + "); reverse that payment first if it was wrong");
        }
        BigDecimal before = of(source);
        BigDecimal available = allocated.subtract(before);
        if (amount.compareTo(available) > 0) {
            throw new BudgetRuleViolation("amount", "the available balance of " + source + " is " + Amounts.canonical(available).toPlainString()
                    + " 万元 (allocated " + allocated.toPlainString() + ", spent " + before.toPlainString() + "); a payment of "
                    + amount.toPlainString() + " would overspend it by " + Amounts.canonical(amount.subtract(available)).toPlainString());
        }
    }

    /** The payment to reverse: recorded in this project and not reversed yet. */
    Payment reversible(String projectId, String expenditureId) {
        Payment payment = payments.get(expenditureId);
        if (payment == null) {
            throw new NoSuchExpenditure(projectId, expenditureId);
        }
        if (payment.reversed()) {
            throw new BudgetRuleViolation("expenditureId", "payment " + expenditureId + " is already reversed");
        }
        return payment;
    }

    /** An allocation may not go below what its source has already paid. */
    void requireCovered(String field, String projectId, FundingSource source, BigDecimal allocation) {
        BigDecimal paid = of(source);
        if (allocation.compareTo(paid) < 0) {
            throw new BudgetRuleViolation(field, source + " has already paid " + paid.toPlainString() + " 万元 from project " + projectId
                    + "; its allocation cannot go below that (it would be " + Amounts.canonical(allocation).toPlainString() + ")");
        }
    }

    void opened() {
        for (FundingSource source : FundingSource.values()) {
            spent.put(source, NOTHING);
        }
    }

    void recorded(ExpenditureRecorded event) {
        spent.put(event.fundingSource(), event.spentAfter());
        payments.put(event.expenditureId(), new Payment(event.fundingSource(), event.amount(), event.paidOn(), event.voucherNo(), false));
        vouchersPaid.put(Payment.voucherLine(event.fundingSource(), event.voucherNo()), event.expenditureId());
    }

    void reversed(ExpenditureReversed event) {
        spent.put(event.fundingSource(), event.spentAfter());
        payments.computeIfPresent(event.expenditureId(), (id, payment) -> payment.reversal());
        vouchersPaid.remove(Payment.voucherLine(event.fundingSource(), event.voucherNo()), event.expenditureId());
    }
}
