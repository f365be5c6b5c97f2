package org.publicbudget.ledger.app.imports;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import org.publicbudget.ledger.domain.money.FundingSource;

/** What the parser read from a budget document, before anything reaches the ledger. */
public final class Extracted {

    private Extracted() {
    }

    /** The whole document. {@code budgetTable} is false when the text is not a 项目支出绩效目标表 at all. */
    public record Document(boolean budgetTable, String department, BigDecimal declaredTotal, int declaredTotalLine,
            List<Unit> units, List<Finding> findings) {
    }

    /** A unit (资金使用单位) with the total its row declares and the line of that row. */
    public record Unit(String name, BigDecimal declaredTotal, int line, List<Project> projects) {
    }

    /** A project row: printed total (总计), amounts per funding source, goal and indicators, and its source lines. */
    public record Project(String name, BigDecimal printedTotal, Map<FundingSource, BigDecimal> allocations, String goal,
            List<Indicator> indicators, int firstLine, int lastLine, boolean garbled) {

        public BigDecimal total() {
            return allocations.values().stream().reduce(BigDecimal.ZERO, BigDecimal::add);
        }
    }

    /** One indicator as printed, with the line it starts on. */
    public record Indicator(int no, String level1, String level1Name, String level2, String level2Name, String name,
            String periodTarget, String annualTarget, int line) {
    }
}
