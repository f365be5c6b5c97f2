package org.publicbudget.ledger.domain.money;

/** The columns of a budget table that say where the money comes from. 总计 is their sum. */
public enum FundingSource {
    FISCAL_APPROPRIATION("财政拨款"),
    SPECIAL_ACCOUNT("财政专户拨款"),
    OTHER("其他资金");

    private final String label;

    FundingSource(String label) {
        this.label = label;
    }

    /** The column heading used in published documents. */
    public String label() {
        return label;
    }
}
