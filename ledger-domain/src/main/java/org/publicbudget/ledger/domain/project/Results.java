package org.publicbudget.ledger.domain.project;

import java.time.LocalDate;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;
import org.publicbudget.ledger.domain.BudgetRuleViolation;
import org.publicbudget.ledger.domain.Texts;
import org.publicbudget.ledger.domain.indicator.ResultPeriod;
import org.publicbudget.ledger.domain.project.api.ProjectLimits;
import org.publicbudget.ledger.domain.project.api.commands.ReportIndicatorResult;

/**
 * What a project's indicators achieved (实际完成值), part of its state: the latest result
 * of each indicator for each period. The rules of a report are here; the project
 * applies the events.
 */
final class Results {

    private final Map<Integer, Map<ResultPeriod, String>> reported = new HashMap<>();

    /**
     * The result {@code report} gives, once it names a period, stays within its length,
     * is dated in the fiscal year or the spring after (when self-evaluations are written)
     * and changes what the indicator read before.
     */
    String require(ReportIndicatorResult report, int fiscalYear) {
        if (report.period() == null) {
            throw new BudgetRuleViolation("period", ProjectLimits.PERIOD_REQUIRED);
        }
        String actual = Texts.required("actual", report.actual());
        if (actual.length() > ProjectLimits.RESULT_LENGTH) {
            throw new BudgetRuleViolation("actual", ProjectLimits.longerThan("actual", ProjectLimits.RESULT_LENGTH));
        }
        LocalDate reportedOn = report.reportedOn();
        if (reportedOn == null) {
            throw new BudgetRuleViolation("reportedOn", "reportedOn is required: the date of the report");
        }
        if (reportedOn.getYear() < fiscalYear || reportedOn.getYear() > fiscalYear + 1) {
            throw new BudgetRuleViolation("reportedOn", "reportedOn " + reportedOn + " is neither in fiscal year " + fiscalYear
                    + " nor in the year after it");
        }
        if (actual.equals(before(report.no(), report.period()))) {
            throw new BudgetRuleViolation("actual", "the " + report.period() + " result of indicator " + report.no()
                    + " already reads so: a later report must change it");
        }
        return actual;
    }

    String before(int indicator, ResultPeriod period) {
        return reported.getOrDefault(indicator, Map.of()).get(period);
    }

    void record(int indicator, ResultPeriod period, String actual) {
        reported.computeIfAbsent(indicator, no -> new EnumMap<>(ResultPeriod.class)).put(period, actual);
    }

    void forget(int indicator) {
        reported.remove(indicator);
    }
}
