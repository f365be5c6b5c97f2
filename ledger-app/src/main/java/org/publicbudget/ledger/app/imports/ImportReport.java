package org.publicbudget.ledger.app.imports;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import org.publicbudget.ledger.domain.budget.api.ImportChanges;
import org.publicbudget.ledger.domain.money.FundingSource;

/**
 * What an import found and did. The API and the command line give the same report.
 * {@code extracted} is present only when detail was asked for, with the same shape for
 * text, PDF and workbooks: each unit, project and indicator names its {@code source}
 * ("lines 12–20", "page 3, row 7", "项目支出绩效目标表!B12"); {@code position} is where
 * in the event store the import's events reached (absent for a dry run, which keeps
 * nothing).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ImportReport(
        Document document,
        String department,
        String departmentId,
        int fiscalYear,
        BigDecimal declaredTotal,
        BigDecimal computedTotal,
        List<UnitLine> units,
        int projects,
        int indicators,
        List<Finding> findings,
        ImportChanges changes,
        int eventsAppended,
        boolean dryRun,
        Long position,
        ExtractedTable extracted) {

    public record Document(String name, String sha256) {
    }

    public record UnitLine(String name, BigDecimal declaredTotal, BigDecimal computedTotal, BigDecimal variance, int projects) {
    }

    public record ExtractedTable(List<ExtractedUnit> units) {
    }

    public record ExtractedUnit(String name, BigDecimal declaredTotal, int line, String source, List<ExtractedProject> projects) {
    }

    public record ExtractedProject(String projectId, String name, Map<FundingSource, BigDecimal> allocations, BigDecimal total,
            String goal, List<ExtractedIndicator> indicators, String lines, String source) {
    }

    public record ExtractedIndicator(int no, String level1, String level2, String name, String periodTarget,
            String annualTarget, Target target, int line, String source) {
    }

    /** The structured reading of the annual target; null fields where they do not apply. */
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record Target(String comparator, BigDecimal value, String unit, String qualitative) {
    }
}
