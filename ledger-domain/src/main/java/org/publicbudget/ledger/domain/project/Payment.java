package org.publicbudget.ledger.domain.project;

import java.math.BigDecimal;
import java.text.Normalizer;
import java.time.LocalDate;
import org.publicbudget.ledger.domain.money.FundingSource;

/** A payment as the project remembers it: enough to reverse it once, not before it was paid, and to refuse its voucher line twice. */
record Payment(FundingSource fundingSource, BigDecimal amount, LocalDate paidOn, String voucherNo, boolean reversed) {

    /**
     * A voucher may pay from several sources (one line each), but each line once. Voucher
     * numbers that read the same are the same voucher: compared in Unicode's compatibility
     * form (full-width ＪＺ－１ is JZ-1, an ideographic or no-break space a space), spaces collapsed.
     */
    static String voucherLine(FundingSource source, String voucherNo) {
        String same = Normalizer.normalize(voucherNo, Normalizer.Form.NFKC).strip().replaceAll("\\s+", " ");
        return source.name() + " " + same;
    }

    Payment reversal() {
        return new Payment(fundingSource, amount, paidOn, voucherNo, true);
    }
}
