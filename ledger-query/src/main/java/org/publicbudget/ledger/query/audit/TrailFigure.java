package org.publicbudget.ledger.query.audit;

import java.util.Locale;
import org.publicbudget.ledger.domain.money.FundingSource;
import org.publicbudget.ledger.query.totals.TotalsTables;

/** Which money a trail explains: what was allocated (the default) or what was spent. */
public enum TrailFigure {
    ALLOCATED,
    SPENT;

    /** The value of the {@code figure} parameter: {@code allocated} or {@code spent}. */
    public String parameter() {
        return name().toLowerCase(Locale.ROOT);
    }

    String amountColumn(FundingSource source) {
        return this == SPENT ? TotalsTables.spent(source) : TotalsTables.amount(source);
    }

    String changeColumn(FundingSource source) {
        return this == SPENT ? TotalsTables.spentChange(source) : TotalsTables.change(source);
    }

    /** What the figure's history rows say they moved. */
    String moves() {
        return this == SPENT ? TotalsTables.SPENT : TotalsTables.ALLOCATED;
    }
}
