package org.publicbudget.ledger.app.imports;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import org.publicbudget.ledger.domain.indicator.IndicatorCategory;
import org.publicbudget.ledger.domain.indicator.TargetReading;

/**
 * The second reading of a parsed document: rows printed twice at a page break become
 * one project, and every place where the document disagrees with itself becomes a
 * finding — variances between declared and computed totals, indicator codes outside
 * their group, targets that differ or cannot be read. The document is never
 * corrected here; it is imported as printed and the findings say where to look.
 */
public final class DocumentReview {

    private DocumentReview() {
    }

    public static Extracted.Document review(Extracted.Document parsed) {
        List<Finding> findings = new ArrayList<>(parsed.findings());
        List<Extracted.Unit> units = new ArrayList<>();
        BigDecimal unitsDeclared = BigDecimal.ZERO;
        BigDecimal allProjects = BigDecimal.ZERO;
        for (Extracted.Unit unit : parsed.units()) {
            List<Extracted.Project> projects = withoutPageRepeats(unit.projects(), findings);
            BigDecimal computed = BigDecimal.ZERO;
            for (Extracted.Project project : projects) {
                computed = computed.add(project.total());
                if (project.printedTotal().compareTo(project.total()) != 0) {
                    findings.add(variance(project.firstLine(), "project " + project.name() + " prints 总计",
                            project.printedTotal(), "its funding sources add up to", project.total()));
                }
                qualityOf(project, findings);
            }
            if (unit.declaredTotal() != null && unit.declaredTotal().compareTo(computed) != 0) {
                findings.add(variance(unit.line(), "unit " + unit.name() + " declares", unit.declaredTotal(),
                        "its projects add up to", computed));
            }
            unitsDeclared = unitsDeclared.add(unit.declaredTotal() == null ? BigDecimal.ZERO : unit.declaredTotal());
            allProjects = allProjects.add(computed);
            units.add(new Extracted.Unit(unit.name(), unit.declaredTotal(), unit.line(), projects));
        }
        if (parsed.declaredTotal() != null) {
            if (parsed.declaredTotal().compareTo(unitsDeclared) != 0) {
                findings.add(variance(parsed.declaredTotalLine(), "the grand total (合计) declares", parsed.declaredTotal(),
                        "the units' declared totals add up to", unitsDeclared));
            }
            if (parsed.declaredTotal().compareTo(allProjects) != 0) {
                findings.add(variance(parsed.declaredTotalLine(), "the grand total (合计) declares", parsed.declaredTotal(),
                        "all projects add up to", allProjects));
            }
        }
        findings.sort(Comparator.comparingInt(Finding::line));
        return new Extracted.Document(parsed.budgetTable(), parsed.department(), parsed.declaredTotal(),
                parsed.declaredTotalLine(), units, findings);
    }

    /**
     * Two neighbouring rows with the same name and amounts are one project printed
     * twice at a page break when their content is the same or one copy is garbled;
     * the complete copy is kept. Otherwise they are two projects of the same name.
     */
    private static List<Extracted.Project> withoutPageRepeats(List<Extracted.Project> projects, List<Finding> findings) {
        List<Extracted.Project> kept = new ArrayList<>();
        for (Extracted.Project project : projects) {
            Extracted.Project previous = kept.isEmpty() ? null : kept.get(kept.size() - 1);
            if (previous != null && previous.name().equals(project.name())
                    && previous.allocations().equals(project.allocations())
                    && (sameContent(previous, project) || previous.garbled() || project.garbled())) {
                boolean keepNew = previous.garbled() && !project.garbled();
                Extracted.Project dropped = keepNew ? previous : project;
                Extracted.Project complete = keepNew ? project : previous;
                if (keepNew) {
                    kept.set(kept.size() - 1, project);
                }
                findings.removeIf(f -> f.kind() == Finding.Kind.UNPLACED_TEXT
                        && f.line() >= dropped.firstLine() && f.line() <= dropped.lastLine());
                findings.add(new Finding(Finding.Kind.PAGE_REPEAT, dropped.firstLine(), "lines " + dropped.firstLine() + "–"
                        + dropped.lastLine() + " repeat project " + project.name() + (dropped.garbled() ? " (garbled)" : "")
                        + "; the copy at lines " + complete.firstLine() + "–" + complete.lastLine() + " is kept"));
                continue;
            }
            kept.add(project);
        }
        return kept;
    }

    private static boolean sameContent(Extracted.Project a, Extracted.Project b) {
        if (!a.goal().equals(b.goal()) || a.indicators().size() != b.indicators().size()) {
            return false;
        }
        for (int i = 0; i < a.indicators().size(); i++) {
            Extracted.Indicator x = a.indicators().get(i);
            Extracted.Indicator y = b.indicators().get(i);
            if (x.no() != y.no() || !x.level1().equals(y.level1()) || !x.level2().equals(y.level2())
                    || !x.name().equals(y.name()) || !x.periodTarget().equals(y.periodTarget())
                    || !x.annualTarget().equals(y.annualTarget())) {
                return false;
            }
        }
        return true;
    }

    private static void qualityOf(Extracted.Project project, List<Finding> findings) {
        for (Extracted.Indicator indicator : project.indicators()) {
            String where = "indicator " + indicator.no() + " of " + project.name();
            IndicatorCategory category = IndicatorCategory.ofLevel2(indicator.level2()).orElse(null);
            if (category == null) {
                findings.add(new Finding(Finding.Kind.CATEGORY_MISMATCH, indicator.line(),
                        where + ": level-2 code " + indicator.level2() + " is not in the framework"));
            } else if (!category.level1().equals(indicator.level1())) {
                findings.add(new Finding(Finding.Kind.CATEGORY_MISMATCH, indicator.line(), where + ": " + indicator.level2()
                        + " " + category.label() + " belongs to level 1 " + category.level1() + " ("
                        + IndicatorCategory.level1Label(category.level1()).orElse("") + "), but is printed under "
                        + indicator.level1() + " (" + indicator.level1Name() + ")"));
            }
            if (!Objects.equals(indicator.periodTarget(), indicator.annualTarget())) {
                findings.add(new Finding(Finding.Kind.TARGETS_DIFFER, indicator.line(), where + ": period target "
                        + indicator.periodTarget() + " but annual target " + indicator.annualTarget()));
            }
            for (String target : new String[] {indicator.periodTarget(), indicator.annualTarget()}) {
                if (TargetReading.read(target).isEmpty()) {
                    findings.add(new Finding(Finding.Kind.UNREADABLE_TARGET, indicator.line(),
                            where + ": target \"" + target + "\" cannot be read"));
                }
            }
        }
    }

    private static Finding variance(int line, String declaredWhat, BigDecimal declared, String computedWhat, BigDecimal computed) {
        BigDecimal variance = computed.subtract(declared);
        return new Finding(Finding.Kind.TOTAL_VARIANCE, line, declaredWhat + " " + declared.toPlainString() + " but "
                + computedWhat + " " + computed.toPlainString() + ": variance " + (variance.signum() > 0 ? "+" : "")
                + variance.toPlainString() + " 万元");
    }
}
