package org.publicbudget.ledger.app.imports;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.publicbudget.ledger.domain.money.FundingSource;

/** The seed, read by hand and written down here: every figure below was checked against the text. */
class DocumentParserTest {

    private static Extracted.Document seed;

    @BeforeAll
    static void read() {
        seed = DocumentReview.review(DocumentParser.parse(Seed.text()));
    }

    private static Extracted.Project project(String unitPrefix, String name, int occurrence) {
        return seed.units().stream().filter(u -> u.name().startsWith(unitPrefix)).findFirst().orElseThrow()
                .projects().stream().filter(p -> p.name().equals(name)).skip(occurrence).findFirst().orElseThrow();
    }

    @Test
    void readsTheDepartmentAndItsDeclaredGrandTotal() {
        assertThat(seed.budgetTable()).isTrue();
        assertThat(seed.department()).isEqualTo("广州市荔湾区人民政府石围塘街道办事处");
        assertThat(seed.declaredTotal()).isEqualByComparingTo("4892.11");
        assertThat(seed.declaredTotalLine()).isEqualTo(25);
    }

    @Test
    void readsFourUnitsWithTheirDeclaredTotalsAndProjects() {
        assertThat(seed.units()).extracting(Extracted.Unit::name).containsExactly(
                "广州市荔湾区人民政府石围塘街道办事处", "广州市荔湾区石围塘街道退役军人服务站",
                "广州市荔湾区石围塘街道综合保障中心", "广州市荔湾区石围塘街道综合服务中心");
        assertThat(seed.units()).extracting(u -> u.declaredTotal().toPlainString()).containsExactly("3598.99", "5.00", "644.08", "644.04");
        assertThat(seed.units()).extracting(u -> u.projects().size()).containsExactly(48, 1, 3, 8);
        assertThat(seed.units()).extracting(u -> u.projects().stream().map(Extracted.Project::total)
                .reduce(BigDecimal.ZERO, BigDecimal::add).toPlainString()).containsExactly("3599.00", "5.00", "644.08", "644.04");
        assertThat(seed.units().stream().mapToInt(u -> u.projects().stream().mapToInt(p -> p.indicators().size()).sum()).sum())
                .isEqualTo(243);
    }

    @Test
    void readsAProjectRowCompletely() {
        Extracted.Project staff = project("广州市荔湾区人民政府", "编外人员聘用经费", 0);
        assertThat(staff.allocations()).isEqualTo(Map.of(FundingSource.FISCAL_APPROPRIATION, new BigDecimal("59.84"),
                FundingSource.SPECIAL_ACCOUNT, new BigDecimal("0.00"), FundingSource.OTHER, new BigDecimal("0.00")));
        assertThat(staff.goal()).isEqualTo("通过实施本项目，及时发放编外人员聘用经费，以建立优绩优酬、科学激励、规范管理机制为导向，"
                + "提高编外人员工作积极性，提升街道工作能力和水平。");
        assertThat(staff.firstLine()).isEqualTo(37);
        assertThat(staff.indicators()).extracting(Extracted.Indicator::name).containsExactly(
                "编外人员业绩量化考核完成率", "编外人员聘用合规率", "编外人员工资支付及时性", "编外人员聘用到位及时性");
        Extracted.Indicator first = staff.indicators().get(0);
        assertThat(List.of(first.no(), first.level1(), first.level2(), first.periodTarget(), first.annualTarget()))
                .containsExactly(1, "1", "12", "100%", "100%");
        assertThat(first.line()).isEqualTo(50);
    }

    @Test
    void readsNamesWrappedOverManyLines() {
        assertThat(project("广州市荔湾区人民政府", "经济联社监事会社务监督委员会工作经费（绩效）补贴", 0).total()).isEqualByComparingTo("19.92");
        assertThat(project("广州市荔湾区人民政府", "广州市街（镇）专职农产品质量安全员队伍建设财政补助项目", 0).total()).isEqualByComparingTo("3.50");
        assertThat(project("广州市荔湾区石围塘街道综合保障中心", "编外人员聘用经费", 0).total()).isEqualByComparingTo("610.36");
    }

    @Test
    void separatesGoalTextPushedIntoTheMiddleOfAnIndicator() {
        Extracted.Project party = project("广州市荔湾区人民政府", "镇(街)党建工作经费", 0);
        assertThat(party.goal()).startsWith("以党支部为基础的“两学一做”学习教育和全面从严治党的总要求").endsWith("开展党员读书交流、党支部互联共建活动。");
        Extracted.Indicator fourth = party.indicators().get(3);
        assertThat(fourth.name()).isEqualTo("开展主题党日和共建活动，对党员进行宣传教育");
        assertThat(fourth.annualTarget()).isEqualTo("＞2次");

        Extracted.Project estates = project("广州市荔湾区人民政府", "荔湾区老旧小区微改造区配套资金", 0);
        assertThat(estates.goal()).isEqualTo("改善人居环境，传承岭南文脉，重塑街区活力，实现干净整洁平安有序的小区居住环境，提升老城区品质，缔造幸福社区。");
        assertThat(estates.indicators().get(3).periodTarget()).isEqualTo("根据年度工作计划和总结确定");

        Extracted.Project workers = project("广州市荔湾区人民政府", "两新组织党务工作者补贴", 0);
        assertThat(workers.indicators().get(3).periodTarget()).isEqualTo("增强");
        assertThat(workers.indicators().get(3).annualTarget()).isEqualTo("增强");
    }

    @Test
    void noIndicatorHoldsGoalTextAndNoGoalHoldsIndicatorText() {
        for (Extracted.Unit unit : seed.units()) {
            for (Extracted.Project project : unit.projects()) {
                assertThat(project.goal()).as(project.name()).doesNotContain("指标值").doesNotContain("实施周期");
                for (Extracted.Indicator indicator : project.indicators()) {
                    assertThat(indicator.periodTarget().length()).as(project.name()).isLessThan(20);
                    assertThat(indicator.annualTarget().length()).as(project.name()).isLessThan(20);
                    assertThat(indicator.name()).as(project.name()).doesNotContain("。");
                    for (int i = 0; i + 16 <= project.goal().length(); i += 4) {
                        assertThat(indicator.name()).as(project.name()).doesNotContain(project.goal().substring(i, i + 16));
                    }
                }
            }
        }
    }

    @Test
    void keepsOneCopyOfRowsPrintedTwiceAtPageBreaks() {
        List<Finding> repeats = seed.findings().stream().filter(f -> f.kind() == Finding.Kind.PAGE_REPEAT).toList();
        assertThat(repeats).extracting(Finding::line).containsExactly(274, 549, 810, 1119, 1414, 1703);
        Extracted.Project office = project("广州市荔湾区人民政府", "社区办公经费", 1);
        assertThat(office.total()).isEqualByComparingTo("39.91");
        assertThat(office.firstLine()).as("the complete copy, not the garbled one").isEqualTo(1146);
        assertThat(office.indicators()).hasSize(4);
    }

    @Test
    void keepsProjectsOfTheSameNameThatDifferInAmount() {
        assertThat(project("广州市荔湾区人民政府", "社区办公经费", 0).total()).isEqualByComparingTo("75.00");
        assertThat(project("广州市荔湾区人民政府", "社区党组织书记绩效奖励", 0).total()).isEqualByComparingTo("38.63");
        assertThat(project("广州市荔湾区人民政府", "社区党组织书记绩效奖励", 1).total()).isEqualByComparingTo("31.33");
    }

    @Test
    void reportsEveryVarianceAndDataQualityFinding() {
        Map<Finding.Kind, List<Integer>> lines = seed.findings().stream().collect(
                Collectors.groupingBy(Finding::kind, Collectors.mapping(Finding::line, Collectors.toList())));
        assertThat(lines.get(Finding.Kind.TOTAL_VARIANCE)).containsExactly(25, 35);
        assertThat(seed.findings().stream().filter(f -> f.kind() == Finding.Kind.TOTAL_VARIANCE).map(Finding::message))
                .allMatch(message -> message.contains("variance +0.01"));
        assertThat(lines.get(Finding.Kind.CATEGORY_MISMATCH)).containsExactly(121, 481, 701, 798, 1011, 1323, 1500, 1540, 1608,
                1812, 1814, 1872);
        assertThat(lines.get(Finding.Kind.TARGETS_DIFFER)).containsExactly(446, 1608);
        assertThat(lines).doesNotContainKeys(Finding.Kind.UNPLACED_TEXT, Finding.Kind.UNREADABLE_TARGET);
    }

    @Test
    void reportsTextItCannotPlaceWithItsLine() {
        String text = Seed.text().replace("年度指标值:100%。2、1-产出指标；12-质量指\n", "年度指标值:100%。2、1-产出指标；12-质量指\n\n%%%%%%\n");
        int junkLine = text.substring(0, text.indexOf("%%%%%%")).split("\n", -1).length;
        Extracted.Document read = DocumentReview.review(DocumentParser.parse(text));
        assertThat(read.findings()).anySatisfy(f -> {
            assertThat(f.kind()).isEqualTo(Finding.Kind.UNPLACED_TEXT);
            assertThat(f.line()).isEqualTo(junkLine);
        });
    }

    @Test
    void textThatIsNoBudgetTableIsRecognisedAsSuch() {
        assertThat(DocumentParser.parse("Dear colleagues,\nplease find the minutes attached.\n").budgetTable()).isFalse();
        assertThat(DocumentParser.parse("").budgetTable()).isFalse();
    }
}
