package org.publicbudget.ledger.app.support;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import org.publicbudget.ledger.domain.indicator.IndicatorCategory;

/**
 * A 项目支出绩效目标表 as data, for tests to write as a PDF or a workbook and to compare
 * with what the ledger read back. Amounts are decimal text, as printed.
 */
public record Budget(String department, String grandTotal, List<Unit> units) {

    public record Unit(String name, String declaredTotal, List<Project> projects) {
    }

    /** A project's three funding sources (财政拨款, 财政专户拨款, 其他资金), goal and indicators; its 总计 is their sum. */
    public record Project(String name, String fiscal, String special, String other, String goal, List<Indicator> indicators) {

        public String total() {
            return new BigDecimal(fiscal).add(new BigDecimal(special)).add(new BigDecimal(other)).toPlainString();
        }
    }

    /** An indicator as printed: {@code 1-产出指标}, {@code 11-数量指标}, its name and both targets. */
    public record Indicator(String level1, String level2, String name, String periodTarget, String annualTarget) {

        /** The indicator column's text for indicator number {@code no}. */
        public String printed(int no) {
            return no + "、" + level1 + "；" + level2 + "；" + name + "；实施周期指标值:" + periodTarget + "；年度指标值:" + annualTarget + "。";
        }
    }

    /** The budget an import report's {@code extracted} describes (as the text import of the seed reads it). */
    public static Budget of(JsonNode report) {
        List<Unit> units = new ArrayList<>();
        for (JsonNode unit : report.get("extracted").get("units")) {
            List<Project> projects = new ArrayList<>();
            for (JsonNode project : unit.get("projects")) {
                List<Indicator> indicators = new ArrayList<>();
                for (JsonNode i : project.get("indicators")) {
                    String level1 = i.get("level1").asText();
                    String level2 = i.get("level2").asText();
                    indicators.add(new Indicator(level1 + "-" + IndicatorCategory.level1Label(level1).orElse("指标"),
                            level2 + "-" + IndicatorCategory.ofLevel2(level2).map(IndicatorCategory::label).orElse("指标"), i.get("name").asText(),
                            i.get("periodTarget").asText(), i.get("annualTarget").asText()));
                }
                JsonNode allocations = project.get("allocations");
                projects.add(new Project(project.get("name").asText(), allocations.get("FISCAL_APPROPRIATION").asText(),
                        allocations.get("SPECIAL_ACCOUNT").asText(), allocations.get("OTHER").asText(), project.get("goal").asText(),
                        indicators));
            }
            units.add(new Unit(unit.get("name").asText(), unit.get("declaredTotal").asText(), projects));
        }
        return new Budget(report.get("department").asText(), report.get("declaredTotal").asText(), units);
    }

    /**
     * A made-up department of {@code projects} projects over three units, with funding
     * split across all three sources — the first project of each unit funded only from
     * 其他资金, the second only from 财政专户拨款 — goals long enough to wrap, and one to
     * four indicators each. Declared totals add up, but for the last unit's, which is 0.01
     * short.
     */
    public static Budget synthetic(String department, int projects) {
        String[] level2 = {"11-数量指标", "12-质量指标", "13-时效指标", "14-成本指标"};
        List<Unit> units = new ArrayList<>();
        BigDecimal grand = BigDecimal.ZERO;
        int made = 0;
        for (int u = 0; u < 3; u++) {
            List<Project> list = new ArrayList<>();
            BigDecimal unitTotal = BigDecimal.ZERO;
            int count = u < 2 ? projects / 3 : projects - made;
            for (int p = 0; p < count; p++, made++) {
                BigDecimal fiscal = p == 0 || p == 1 ? BigDecimal.ZERO : new BigDecimal(made * 37 % 900 + 10).add(new BigDecimal("0.25"));
                BigDecimal special = p == 1 ? new BigDecimal("12.50") : p % 3 == 2 ? new BigDecimal(made % 50 + 1).add(new BigDecimal("0.05"))
                        : BigDecimal.ZERO;
                BigDecimal other = p == 0 ? new BigDecimal("3.75") : p % 4 == 3 ? new BigDecimal("1.10") : BigDecimal.ZERO;
                List<Indicator> indicators = new ArrayList<>();
                for (int i = 0; i < 1 + made % 4; i++) {
                    indicators.add(new Indicator("1-产出指标", level2[i], "第" + (made + 1) + "项工作指标" + (i + 1),
                            i % 2 == 0 ? "≥" + (90 + i) + "%" : "按时完成", i % 2 == 0 ? "≥" + (90 + i) + "%" : "按时完成"));
                }
                String name = "项目" + (made + 1) + (p % 5 == 4 ? "城乡社区综合服务设施运营维护及便民服务提升经费" : "经费");
                list.add(new Project(name, fiscal.toPlainString(), special.toPlainString(), other.toPlainString(),
                        "通过实施本项目，保障第" + (made + 1) + "项工作顺利开展，提升街道公共服务水平和群众满意度。", indicators));
                unitTotal = unitTotal.add(fiscal).add(special).add(other);
            }
            BigDecimal declared = u == 2 ? unitTotal.subtract(new BigDecimal("0.01")) : unitTotal;
            units.add(new Unit("第" + (u + 1) + "单位街道办事处", declared.toPlainString(), list));
            grand = grand.add(declared);
        }
        return new Budget(department, grand.toPlainString(), units);
    }
}
