package org.publicbudget.ledger.domain.project;

import java.math.BigDecimal;
import java.time.LocalDate;
import org.publicbudget.ledger.domain.money.FundingSource;

/** A payment as the project remembers it: enough to reverse it once, not before it was paid, and to refuse its voucher line twice. */
record Payment(FundingSource fundingSource, BigDecimal amount, LocalDate paidOn, String voucherNo, boolean reversed) {

    /** A voucher may pay from several sources (one line each), but each line once. */
    static String voucherLine(FundingSource source, String voucherNo) {
        return source.name() + " " + voucherNo;
    }

    Payment reversal() {
        return new Payment(fundingSource, amount, paidOn, voucherNo, true);
    }
}
