package org.publicbudget.ledger.domain.project;

import java.math.BigDecimal;
import org.publicbudget.ledger.domain.money.FundingSource;

/** A payment as the project remembers it: enough to reverse it once and to refuse its voucher twice. */
record Payment(FundingSource fundingSource, BigDecimal amount, String voucherNo, boolean reversed) {

    Payment reversal() {
        return new Payment(fundingSource, amount, voucherNo, true);
    }
}
