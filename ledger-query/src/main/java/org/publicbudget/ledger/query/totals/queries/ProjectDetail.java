package org.publicbudget.ledger.query.totals.queries;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.publicbudget.ledger.domain.indicator.IndicatorCategory;
import org.publicbudget.ledger.domain.indicator.ResultJudgement;
import org.publicbudget.ledger.domain.indicator.ResultPeriod;
import org.publicbudget.ledger.domain.indicator.TargetReading;
import org.publicbudget.ledger.domain.money.Allocations;
import org.publicbudget.ledger.domain.money.Amounts;
import org.publicbudget.ledger.domain.money.FundingSource;
import org.publicbudget.ledger.query.readmodel.Row;
import org.publicbudget.ledger.query.totals.TotalsTables;

/**
 * A project as the read model knows it, with the version of the last event applied: its
 * allocations and their execution, its goal, and its indicators with their targets and
 * the results reported against them.
 */
public record ProjectDetail(
        String projectId,
        String unitId,
        String departmentId,
        String name,
        String goal,
        BigDecimal total,
        Map<FundingSource, BigDecimal> allocations,
        @JsonUnwrapped Execution execution,
        @JsonUnwrapped Budget budget,
        List<Indicator> indicators,
        long version,
        boolean withdrawn) {

    /** A project from its rows of the totals read model (e.g. folded in memory from its own events). */
    public static ProjectDetail of(Row project, List<Row> indicators, List<Row> results) {
        Map<FundingSource, BigDecimal> amounts = new EnumMap<>(FundingSource.class);
        Map<FundingSource, BigDecimal> spent = new EnumMap<>(FundingSource.class);
        Map<FundingSource, BigDecimal> original = new EnumMap<>(FundingSource.class);
        for (FundingSource source : FundingSource.values()) {
            amounts.put(source, Amounts.canonical(project.amount(TotalsTables.amount(source))));
            spent.put(source, Amounts.canonical(project.amount(TotalsTables.spent(source))));
            original.put(source, Amounts.canonical(project.amount(TotalsTables.original(source))));
        }
        Builder builder = new Builder(project.text("project_id"), project.text("unit_id"), project.text("department_id"),
                project.text("name"), project.text("goal"), amounts, spent, original, project.number("version"), project.flag("withdrawn"));
        for (Row i : indicators) {
            builder.indicators().add(Indicator.of((int) i.number("no"), i.text("level1"), i.text("level2"), i.text("name"),
                    i.text("period_target"), i.text("annual_target")));
        }
        for (Row r : results) {
            builder.result((int) r.number("no"), ResultPeriod.valueOf(r.text("period")), r.text("actual"), r.text("reported_on"),
                    r.number("position"));
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
        private final Map<FundingSource, BigDecimal> spent;
        private final Map<FundingSource, BigDecimal> original;
        private final long version;
        private final boolean withdrawn;
        private final List<Indicator> indicators = new ArrayList<>();
        private final Map<Integer, Map<ResultPeriod, Reported>> results = new HashMap<>();

        Builder(String projectId, String unitId, String departmentId, String name, String goal, Map<FundingSource, BigDecimal> allocations,
                Map<FundingSource, BigDecimal> spent, Map<FundingSource, BigDecimal> original, long version, boolean withdrawn) {
            this.projectId = projectId;
            this.unitId = unitId;
            this.departmentId = departmentId;
            this.name = name;
            this.goal = goal;
            this.allocations = allocations;
            this.spent = spent;
            this.original = original;
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

        /** A result as read; it is judged against its indicator's target when the project is built. */
        void result(int no, ResultPeriod period, String actual, String reportedOn, long position) {
            results.computeIfAbsent(no, n -> new EnumMap<>(ResultPeriod.class)).put(period, new Reported(actual, reportedOn, position));
        }

        ProjectDetail build() {
            List<Indicator> judged = indicators.stream().map(i -> i.withResults(results.getOrDefault(i.no(), Map.of()))).toList();
            return new ProjectDetail(projectId, unitId, departmentId, name, goal, Allocations.total(allocations), allocations,
                    Execution.of(allocations, spent), Budget.of(original, allocations), judged, version, withdrawn);
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
            String level1Label, String level2Label, TargetReading periodReading, TargetReading annualReading, List<String> flags,
            Map<ResultPeriod, Result> results) {

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
                    category.map(IndicatorCategory::label).orElse(null), period, annual, List.copyOf(flags), Map.of());
        }

        /** This indicator with its results per period, each judged against the annual target. */
        Indicator withResults(Map<ResultPeriod, Reported> reported) {
            Map<ResultPeriod, Result> judged = new EnumMap<>(ResultPeriod.class);
            reported.forEach((period, r) -> judged.put(period, Result.of(annualTarget, r.actual(), r.reportedOn(), r.position())));
            return new Indicator(no, level1, level2, name, periodTarget, annualTarget, level1Label, level2Label, periodReading,
                    annualReading, flags, judged);
        }
    }

    /** A result as stored, before it is judged. */
    record Reported(String actual, String reportedOn, long position) {
    }

    /**
     * A result as reported ({@code actual}, as written), its reading (null when it cannot be
     * read), and whether it meets {@code target} — the annual target as the project stands at
     * the moment read: true, false, or null when a person must judge, with the reason either
     * way (in English and in Chinese). {@code position} is the report's place in the store.
     */
    public record Result(String actual, TargetReading reading, String target, Boolean met, String reason, String reasonZh, String reportedOn,
            long position) {

        static Result of(String target, String actual, String reportedOn, long position) {
            ResultJudgement judgement = ResultJudgement.of(target, actual);
            return new Result(actual, TargetReading.read(actual).orElse(null), target, judgement.met(), judgement.reason(), judgement.reasonZh(), reportedOn,
                    position);
        }
    }
}
