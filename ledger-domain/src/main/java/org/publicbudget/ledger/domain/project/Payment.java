package org.publicbudget.ledger.domain.project;

import com.ibm.icu.text.Normalizer2;
import com.ibm.icu.text.SpoofChecker;
import java.math.BigDecimal;
import java.time.LocalDate;
import org.publicbudget.ledger.domain.money.FundingSource;

/** A payment as the project remembers it: enough to reverse it once, not before it was paid, and to refuse its voucher line twice. */
record Payment(FundingSource fundingSource, BigDecimal amount, LocalDate paidOn, String voucherNo, boolean reversed) {

    private static final Normalizer2 FOLDED = Normalizer2.getNFKCCasefoldInstance();
    /** Thread-safe once built; only its skeletons are used. */
    private static final SpoofChecker CONFUSABLES = new SpoofChecker.Builder().build();

    /**
     * A voucher may pay from several sources (one line each), but each line once. Voucher
     * numbers that read the same are the same voucher, compared by what they look like:
     * Unicode's compatibility form (full-width ＪＺ－１ is JZ-1, an ideographic or no-break
     * space a space, NFD is NFC), spaces collapsed, the confusable skeleton of Unicode
     * TS #39 (an en dash, a minus sign or U+2010 is a hyphen, Cyrillic АВ is Latin AB,
     * Greek Ζ is Z — and, as printed, 0 is O), then case folded (jz-1 is JZ-1). A finance
     * system never issues two vouchers that differ only so; a clerk retyping one does.
     */
    static String voucherLine(FundingSource source, String voucherNo) {
        String printed = Normalizer2.getNFKCInstance().normalize(voucherNo).strip().replaceAll("\\s+", " ");
        // the skeleton before case is folded: Cyrillic В looks like B, its lower case в like no Latin letter
        return source.name() + " " + FOLDED.normalize(CONFUSABLES.getSkeleton(printed));
    }

    Payment reversal() {
        return new Payment(fundingSource, amount, paidOn, voucherNo, true);
    }
}
