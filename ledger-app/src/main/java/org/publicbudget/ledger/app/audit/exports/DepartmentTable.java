package org.publicbudget.ledger.app.audit.exports;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.publicbudget.ledger.domain.indicator.IndicatorCategory;
import org.publicbudget.ledger.domain.money.FundingSource;
import org.publicbudget.ledger.query.totals.queries.DepartmentTotals;
import org.publicbudget.ledger.query.totals.queries.ProjectDetail;
import org.publicbudget.ledger.query.totals.queries.UnitTotals;

/**
 * A department's budget in the shape of its 项目支出绩效目标表: the 合计 row, then each
 * unit's row followed by its projects' rows, with 总计, the three funding-source
 * columns, 绩效目标 and 绩效指标. 总计 is the adjusted budget (调整后预算), so that each row
 * adds up across its funding sources; the columns after give the original budget
 * (年初预算), the adjustments since (调整数), the total the document declared (申报总计)
 * and the variance (总计 − 申报总计).
 */
public record DepartmentTable(String department, int fiscalYear, List<Row> rows) {

    public static final List<String> HEADINGS = List.of("项目名称（资金使用单位）", "总计", "财政拨款", "财政专户拨款", "其他资金",
            "绩效目标", "绩效指标", "年初预算", "调整数", "申报总计", "差异");

    /** One line of the table; {@code declared} and {@code variance} only for the 合计 and unit rows that declare a total. */
    public record Row(String name, BigDecimal total, Map<FundingSource, BigDecimal> amounts, String goal, String indicators,
            BigDecimal original, BigDecimal adjustments, BigDecimal declared, BigDecimal variance) {
    }

    /** {@code projects} are the department's projects by unit id, each unit's in the document's order. */
    public static DepartmentTable of(DepartmentTotals department, List<UnitTotals> units, Map<String, List<ProjectDetail>> projects) {
        List<Row> rows = new ArrayList<>();
        rows.add(new Row("合计", department.computedTotal(), department.allocations(), "", "", department.budget().originalTotal(),
                department.budget().adjustments(), department.declaredTotal(), department.variance()));
        for (UnitTotals unit : units) {
            rows.add(new Row(unit.name(), unit.computedTotal(), unit.allocations(), "", "", unit.budget().originalTotal(),
                    unit.budget().adjustments(), unit.declaredTotal(), unit.variance()));
            for (ProjectDetail project : projects.getOrDefault(unit.unitId(), List.of())) {
                if (!project.withdrawn()) {
                    rows.add(new Row("    " + project.name(), project.total(), project.allocations(), project.goal(),
                            indicatorText(project.indicators()), project.budget().originalTotal(), project.budget().adjustments(), null, null));
                }
            }
        }
        return new DepartmentTable(department.name(), department.fiscalYear(), rows);
    }

    /** As the documents print them: 1、1-产出指标；12-质量指标；name；实施周期指标值:…；年度指标值:…。 */
    static String indicatorText(List<ProjectDetail.Indicator> indicators) {
        StringBuilder text = new StringBuilder();
        for (ProjectDetail.Indicator i : indicators) {
            text.append(i.no()).append('、').append(i.level1()).append('-').append(IndicatorCategory.level1Label(i.level1()).orElse(""))
                    .append('；').append(i.level2()).append('-')
                    .append(IndicatorCategory.ofLevel2(i.level2()).map(IndicatorCategory::label).orElse(""))
                    .append('；').append(i.name()).append("；实施周期指标值:").append(i.periodTarget())
                    .append("；年度指标值:").append(i.annualTarget()).append('。');
        }
        return text.toString();
    }
}
