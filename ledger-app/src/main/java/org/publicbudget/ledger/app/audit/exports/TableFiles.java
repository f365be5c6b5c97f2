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

    static byte[] csv(DepartmentTable table, Citation citation) {
        return Spreadsheets.csv(sheet(table, citation));
    }

    static byte[] xlsx(DepartmentTable table, Citation citation) {
        return Spreadsheets.xlsx(sheet(table, citation));
    }

    private static Spreadsheets.Table sheet(DepartmentTable table, Citation citation) {
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
            cells.add(row.original());
            cells.add(row.adjustments());
            cells.add(row.declared());
            cells.add(row.variance());
            rows.add(cells);
        }
        return new Spreadsheets.Table("项目支出绩效目标表", citation.about(),
                DepartmentTable.HEADINGS, rows, Set.of(), Map.of(0, 40, 5, 60, 6, 80));
    }
}
