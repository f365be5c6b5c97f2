package org.publicbudget.ledger.app.imports;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.publicbudget.ledger.app.support.Budget;
import org.publicbudget.ledger.app.support.BudgetPdf;
import org.publicbudget.ledger.app.support.BudgetWorkbook;
import org.publicbudget.ledger.domain.money.FundingSource;

/**
 * The PDF and workbook readers on budgets this test writes itself: every unit, project,
 * amount in its own column, goal and indicator comes back as written, whatever the
 * layout, page breaks and number formats.
 */
class DocumentReadersTest {

    private static final Budget BUDGET = Budget.synthetic("广州市荔湾区测试街道办事处", 24);

    /** What was read, in the words of the budget written. */
    static Budget asWritten(Extracted.Document read) {
        List<Budget.Unit> units = new ArrayList<>();
        for (Extracted.Unit unit : read.units()) {
            List<Budget.Project> projects = new ArrayList<>();
            for (Extracted.Project project : unit.projects()) {
                List<Budget.Indicator> indicators = new ArrayList<>();
                for (Extracted.Indicator i : project.indicators()) {
                    indicators.add(new Budget.Indicator(i.level1() + "-" + i.level1Name(), i.level2() + "-" + i.level2Name(), i.name(),
                            i.periodTarget(), i.annualTarget()));
                }
                projects.add(new Budget.Project(project.name(), plain(project.allocations().get(FundingSource.FISCAL_APPROPRIATION)),
                        plain(project.allocations().get(FundingSource.SPECIAL_ACCOUNT)), plain(project.allocations().get(FundingSource.OTHER)),
                        project.goal(), indicators));
            }
            units.add(new Budget.Unit(unit.name(), plain(unit.declaredTotal()), projects));
        }
        return new Budget(read.department(), plain(read.declaredTotal()), units);
    }

    private static String plain(BigDecimal amount) {
        return amount == null ? null : amount.stripTrailingZeros().toPlainString();
    }

    private static Budget plain(Budget budget) {
        List<Budget.Unit> units = new ArrayList<>();
        for (Budget.Unit unit : budget.units()) {
            List<Budget.Project> projects = new ArrayList<>();
            for (Budget.Project p : unit.projects()) {
                projects.add(new Budget.Project(p.name(), plain(new BigDecimal(p.fiscal())), plain(new BigDecimal(p.special())),
                        plain(new BigDecimal(p.other())), p.goal(), p.indicators()));
            }
            units.add(new Budget.Unit(unit.name(), plain(new BigDecimal(unit.declaredTotal())), projects));
        }
        return new Budget(budget.department(), plain(new BigDecimal(budget.grandTotal())), units);
    }

    @Test
    void aPdfGivesBackEveryFigureInItsColumnAcrossPageBreaks() {
        ReadDocument read = PdfTable.read(BudgetPdf.of(BUDGET, Set.of(), 300), "synthetic.pdf");

        assertThat(asWritten(read.table())).usingRecursiveComparison().isEqualTo(plain(BUDGET));
        assertThat(read.table().findings()).isEmpty();
        assertThat(read.locators()).allMatch(locator -> locator.matches("page [0-9]+, row [0-9]+"));
        assertThat(read.locators().stream().map(l -> l.replaceAll(", row.*", "")).distinct().count())
                .as("the table runs over several pages").isGreaterThan(3);
    }

    @Test
    void aRowPrintedAgainAfterABreakIsReportedOnceAndKeptWhole() {
        String twice = BUDGET.units().get(1).projects().get(1).name();
        ReadDocument read = PdfTable.read(BudgetPdf.of(BUDGET, Set.of(twice), 300), "repeated.pdf");

        assertThat(asWritten(read.table())).usingRecursiveComparison().isEqualTo(plain(BUDGET));
        assertThat(read.table().findings()).singleElement().satisfies(finding -> {
            assertThat(finding.kind()).isEqualTo(Finding.Kind.PAGE_REPEAT);
            assertThat(finding.message()).contains(twice);
            assertThat(read.locator(finding.line())).matches("page [0-9]+, row [0-9]+");
        });
    }

    @Test
    void bothWorkbookLayoutsGiveBackTheSameBudget() {
        ReadDocument byProject = WorkbookTable.read(BudgetWorkbook.byProject(BUDGET), "by-project.xlsx");
        ReadDocument byIndicator = WorkbookTable.read(BudgetWorkbook.byIndicator(BUDGET), "by-indicator.xlsx");

        assertThat(asWritten(byProject.table())).usingRecursiveComparison().isEqualTo(plain(BUDGET));
        assertThat(asWritten(byIndicator.table())).usingRecursiveComparison().isEqualTo(plain(BUDGET));
        assertThat(byProject.table().findings()).isEmpty();
        assertThat(byIndicator.table().findings()).isEmpty();
        Extracted.Project first = byProject.table().units().get(0).projects().get(0);
        assertThat(byProject.locator(first.firstLine())).isEqualTo(BudgetWorkbook.SHEET + "!B7");
        Extracted.Project last = byIndicator.table().units().get(2).projects().get(7);
        assertThat(byIndicator.locator(last.indicators().get(last.indicators().size() - 1).line()))
                .as("each indicator is found on its own row").startsWith(BudgetWorkbook.SHEET + "!B")
                .isNotEqualTo(byIndicator.locator(last.firstLine()));
    }
}
