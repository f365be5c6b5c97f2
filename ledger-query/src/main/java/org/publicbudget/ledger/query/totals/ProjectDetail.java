package org.publicbudget.ledger.query.totals;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.publicbudget.ledger.domain.indicator.IndicatorCategory;
import org.publicbudget.ledger.domain.indicator.TargetReading;
import org.publicbudget.ledger.domain.money.Allocations;
import org.publicbudget.ledger.domain.money.Amounts;
import org.publicbudget.ledger.domain.money.FundingSource;
import org.publicbudget.ledger.query.readmodel.Row;

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

    /** A project from its rows of the totals read model (e.g. folded in memory from its own events). */
    static ProjectDetail of(Row project, List<Row> indicators) {
        Map<FundingSource, BigDecimal> amounts = new EnumMap<>(FundingSource.class);
        for (FundingSource source : FundingSource.values()) {
            amounts.put(source, Amounts.canonical(project.amount(TotalsTables.amount(source))));
        }
        Builder builder = new Builder(project.text("project_id"), project.text("unit_id"), project.text("department_id"),
                project.text("name"), project.text("goal"), amounts, project.number("version"), project.flag("withdrawn"));
        for (Row i : indicators) {
            builder.indicators().add(Indicator.of((int) i.number("no"), i.text("level1"), i.text("level2"), i.text("name"),
                    i.text("period_target"), i.text("annual_target")));
        }
        return builder.build();
    }

    /** A project as its rows are read: money first, indicators as they come. */
    static final class Builder {

        private final String projectId;
        private final String unitId;
        private final String departmentId;
        private final String name;
        private final String goal;
        private final Map<FundingSource, BigDecimal> allocations;
        private final long version;
        private final boolean withdrawn;
        private final List<Indicator> indicators = new ArrayList<>();

        Builder(String projectId, String unitId, String departmentId, String name, String goal, Map<FundingSource, BigDecimal> allocations,
                long version, boolean withdrawn) {
            this.projectId = projectId;
            this.unitId = unitId;
            this.departmentId = departmentId;
            this.name = name;
            this.goal = goal;
            this.allocations = allocations;
            this.version = version;
            this.withdrawn = withdrawn;
        }

        String projectId() {
            return projectId;
        }

        String unitId() {
            return unitId;
        }

        List<Indicator> indicators() {
            return indicators;
        }

        ProjectDetail build() {
            return new ProjectDetail(projectId, unitId, departmentId, name, goal, Allocations.total(allocations), allocations,
                    List.copyOf(indicators), version, withdrawn);
        }
    }

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
