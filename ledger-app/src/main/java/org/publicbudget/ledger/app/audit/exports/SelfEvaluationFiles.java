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

    public static byte[] csv(SelfEvaluation table) {
        return Spreadsheets.csv(sheet(table));
    }

    public static byte[] xlsx(SelfEvaluation table) {
        return Spreadsheets.xlsx(sheet(table));
    }

    private static Spreadsheets.Table sheet(SelfEvaluation table) {
        List<List<Object>> rows = table.lines().stream().map(SelfEvaluationFiles::cells).toList();
        return new Spreadsheets.Table("项目支出绩效自评表", List.of("部门名称：" + table.department(), "年度：" + table.fiscalYear(), "单位：万元",
                "预算数：" + table.allocated().toPlainString(), "执行数：" + table.spent().toPlainString(),
                "执行率：" + (table.executionRate() == null ? "" : Spreadsheets.percent(table.executionRate()))),
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
        cells.add(line.midYear() == null ? null : line.midYear().actual());
        cells.add(met(line.midYear()));
        cells.add(line.annual() == null ? null : line.annual().actual());
        cells.add(met(line.annual()));
        ProjectDetail.Result latest = line.annual() != null ? line.annual() : line.midYear();
        cells.add(latest == null ? null : latest.reasonZh());
        return cells;
    }

    /** 是, 否, or 待人工判断 where the ledger cannot decide (a qualitative target, a result that is not a number). */
    static String met(ProjectDetail.Result result) {
        if (result == null) {
            return null;
        }
        return result.met() == null ? "待人工判断" : result.met() ? "是" : "否";
    }
}
