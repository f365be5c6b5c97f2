package org.publicbudget.ledger.query.totals;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.publicbudget.ledger.domain.indicator.IndicatorCategory;
import org.publicbudget.ledger.domain.indicator.TargetReading;
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

    /**
     * A performance indicator: its targets as written in the source and as read
     * (null when unreadable), the names of its categories, and flags for what an
     * auditor should look at — the same rules the import review applies:
     * CATEGORY_MISMATCH (the level-2 code is not under its level 1, or not in the
     * framework), TARGETS_DIFFER (period and annual target are not the same text),
     * UNREADABLE_TARGET.
     */
    public record Indicator(int no, String level1, String level2, String name, String periodTarget, String annualTarget,
            String level1Label, String level2Label, TargetReading periodReading, TargetReading annualReading, List<String> flags) {

        public static Indicator of(int no, String level1, String level2, String name, String periodTarget, String annualTarget) {
            Optional<IndicatorCategory> category = IndicatorCategory.ofLevel2(level2);
            TargetReading period = TargetReading.read(periodTarget).orElse(null);
            TargetReading annual = TargetReading.read(annualTarget).orElse(null);
            List<String> flags = new ArrayList<>();
            if (category.isEmpty() || !category.get().level1().equals(level1)) {
                flags.add("CATEGORY_MISMATCH");
            }
            if (!Objects.equals(periodTarget, annualTarget)) {
                flags.add("TARGETS_DIFFER");
            }
            if (period == null || annual == null) {
                flags.add("UNREADABLE_TARGET");
            }
            return new Indicator(no, level1, level2, name, periodTarget, annualTarget, IndicatorCategory.level1Label(level1).orElse(null),
                    category.map(IndicatorCategory::label).orElse(null), period, annual, List.copyOf(flags));
        }
    }
}
