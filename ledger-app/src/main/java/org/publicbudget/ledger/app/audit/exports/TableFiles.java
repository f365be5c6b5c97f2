package org.publicbudget.ledger.app.audit.exports;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.publicbudget.ledger.domain.money.FundingSource;

/** The department table (项目支出绩效目标表) written as CSV or as an Excel workbook; amounts stay exact decimals in both. */
public final class TableFiles {

    private TableFiles() {
    }

    public static byte[] csv(DepartmentTable table) {
        return Spreadsheets.csv(sheet(table));
    }

    public static byte[] xlsx(DepartmentTable table) {
        return Spreadsheets.xlsx(sheet(table));
    }

    private static Spreadsheets.Table sheet(DepartmentTable table) {
        List<List<Object>> rows = new ArrayList<>();
        for (DepartmentTable.Row row : table.rows()) {
            List<Object> cells = new ArrayList<>();
            cells.add(row.name());
            cells.add(row.total());
            for (FundingSource source : FundingSource.values()) {
                cells.add(row.amounts().get(source));
            }
            cells.add(row.goal());
            cells.add(row.indicators());
            cells.add(row.computed());
            cells.add(row.variance());
            rows.add(cells);
        }
        return new Spreadsheets.Table("项目支出绩效目标表", List.of("部门名称：" + table.department(), "年度：" + table.fiscalYear(), "单位：万元"),
                DepartmentTable.HEADINGS, rows, Set.of(), Map.of(0, 40, 5, 60, 6, 80));
    }
}
