package org.publicbudget.ledger.app.audit.exports;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.publicbudget.ledger.query.totals.queries.ProjectDetail;

/** The self-evaluation (绩效自评表) as CSV and XLSX: one line per indicator, amounts and rates as exact decimals. */
public final class SelfEvaluationFiles {

    private static final int RATE_COLUMN = 4;

    private SelfEvaluationFiles() {
    }

    public static byte[] csv(SelfEvaluation table, Citation citation) {
        return Spreadsheets.csv(sheet(table, citation));
    }

    public static byte[] xlsx(SelfEvaluation table, Citation citation) {
        return Spreadsheets.xlsx(sheet(table, citation));
    }

    private static Spreadsheets.Table sheet(SelfEvaluation table, Citation citation) {
        List<List<Object>> rows = table.lines().stream().map(SelfEvaluationFiles::cells).toList();
        List<String> about = new ArrayList<>(citation.about());
        about.addAll(List.of("预算数：" + table.allocated().toPlainString(), "执行数：" + table.spent().toPlainString(),
                "执行率：" + (table.executionRate() == null ? "" : Spreadsheets.percent(table.executionRate()))));
        return new Spreadsheets.Table("项目支出绩效自评表", about,
                SelfEvaluation.HEADINGS, rows, Set.of(RATE_COLUMN), Map.of(0, 24, 1, 40, 7, 30, 13, 50));
    }

    private static List<Object> cells(SelfEvaluation.Line line) {
        List<Object> cells = new ArrayList<>();
        cells.add(line.unit());
        cells.add(line.project());
        cells.add(line.allocated());
        cells.add(line.spent());
        cells.add(line.executionRate());
        cells.add(line.level1());
        cells.add(line.level2());
        cells.add(line.indicator());
        cells.add(line.annualTarget());
        boolean indicator = line.indicator() != null;
        cells.add(line.midYear() == null ? (indicator ? NOT_REPORTED : null) : line.midYear().actual());
        cells.add(midYear(line.midYear()));
        cells.add(line.annual() == null ? (indicator ? NOT_REPORTED : null) : line.annual().actual());
        cells.add(met(line.annual()));
        ProjectDetail.Result latest = line.annual() != null ? line.annual() : line.midYear();
        cells.add(latest == null ? null : latest.reasonZh());
        return cells;
    }

    /** What a result not yet reported reads as: an empty cell would look like a result of nothing. */
    static final String NOT_REPORTED = "未填报";

    /** A mid-year result is measured against the annual target: short of it is the year under way (进行中), not a failure. */
    static String midYear(ProjectDetail.Result result) {
        return result != null && Boolean.FALSE.equals(result.met()) ? "进行中" : met(result);
    }

    /** 是, 否, or 待人工判断 where the ledger cannot decide (a qualitative target, a result that is not a number). */
    static String met(ProjectDetail.Result result) {
        if (result == null) {
            return null;
        }
        return result.met() == null ? "待人工判断" : result.met() ? "是" : "否";
    }
}
