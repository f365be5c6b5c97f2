package org.publicbudget.ledger.domain.indicator;

/**
 * When an indicator's result is reported: at mid-year monitoring (绩效运行监控) or in the
 * year-end self-evaluation (绩效自评). Both are judged against the annual target (年度指标值):
 * at mid-year the judgement says whether the year's target is already reached.
 */
public enum ResultPeriod {
    MID_YEAR("年中监控"),
    ANNUAL("年度自评");

    private final String label;

    ResultPeriod(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
