package org.publicbudget.ledger.query.totals;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import org.publicbudget.ledger.domain.money.FundingSource;

/** A project as the read model knows it, with the version of the last event applied. */
public record ProjectDetail(
        String projectId,
        String unitId,
        String departmentId,
        String name,
        String goal,
        BigDecimal total,
        Map<FundingSource, BigDecimal> allocations,
        List<Indicator> indicators,
        long version,
        boolean withdrawn) {

    /** A performance indicator with its targets as written in the source. */
    public record Indicator(int no, String level1, String level2, String name, String periodTarget, String annualTarget) {
    }
}
