package org.publicbudget.ledger.app.audit.exports;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.publicbudget.ledger.domain.indicator.IndicatorCategory;
import org.publicbudget.ledger.domain.indicator.ResultPeriod;
import org.publicbudget.ledger.query.totals.queries.DepartmentTotals;
import org.publicbudget.ledger.query.totals.queries.ProjectDetail;
import org.publicbudget.ledger.query.totals.queries.UnitTotals;

/**
 * A department's execution and results in the shape of a self-evaluation (绩效自评表): per
 * project its allocation, what it spent and its execution rate; per indicator its annual
 * target, the mid-year and annual results and whether each meets the target. One line per
 * indicator (a project without indicators has one line of its own); withdrawn projects
 * are left out, as they are from the budget.
 */
public record SelfEvaluation(String departmentId, String department, int fiscalYear, BigDecimal allocated, BigDecimal spent,
        BigDecimal executionRate, List<Line> lines) {

    public static final List<String> HEADINGS = List.of("单位", "项目名称", "年度预算数", "执行数", "执行率", "一级指标", "二级指标",
            "三级指标", "年度指标值", "年中完成值", "年中是否达成", "全年完成值", "全年是否达成", "说明");

    /** One line: a project's money, and one of its indicators with its results (null where none). */
    public record Line(String unit, String projectId, String project, BigDecimal allocated, BigDecimal spent, BigDecimal executionRate,
            Integer no, String level1, String level2, String indicator, String annualTarget, ProjectDetail.Result midYear,
            ProjectDetail.Result annual) {
    }

    static SelfEvaluation of(DepartmentTotals department, List<UnitTotals> units, Map<String, List<ProjectDetail>> projects) {
        List<Line> lines = new ArrayList<>();
        for (UnitTotals unit : units) {
            for (ProjectDetail project : projects.getOrDefault(unit.unitId(), List.of())) {
                if (project.withdrawn()) {
                    continue;
                }
                if (project.indicators().isEmpty()) {
                    lines.add(line(unit, project, null));
                }
                project.indicators().forEach(indicator -> lines.add(line(unit, project, indicator)));
            }
        }
        return new SelfEvaluation(department.departmentId(), department.name(), department.fiscalYear(), department.computedTotal(),
                department.execution().spent(), department.execution().executionRate(), List.copyOf(lines));
    }

    private static Line line(UnitTotals unit, ProjectDetail project, ProjectDetail.Indicator indicator) {
        return new Line(unit.name(), project.projectId(), project.name(), project.total(), project.execution().spent(),
                project.execution().executionRate(), indicator == null ? null : indicator.no(),
                indicator == null ? null : IndicatorCategory.level1Label(indicator.level1()).orElse(indicator.level1()),
                indicator == null ? null : IndicatorCategory.ofLevel2(indicator.level2()).map(IndicatorCategory::label).orElse(indicator.level2()),
                indicator == null ? null : indicator.name(), indicator == null ? null : indicator.annualTarget(),
                indicator == null ? null : indicator.results().get(ResultPeriod.MID_YEAR),
                indicator == null ? null : indicator.results().get(ResultPeriod.ANNUAL));
    }
}
