package org.publicbudget.ledger.app.audit.exports;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;

/**
 * What an export shows, so that a printed or filed copy can be cited: the department,
 * the fiscal year, the moment its figures were recorded by (or "now"), the budget day
 * they were effective by (or every change), and when the file was made — in its first
 * rows and in its file name, so that two exports of different moments never share a name.
 */
record Citation(String department, int fiscalYear, String asOf, LocalDate effectiveOn, Instant madeAt, ZoneId zone) {

    private static final DateTimeFormatter SHOWN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmm");

    /** The cells of the line under the title. */
    List<String> about() {
        return List.of("部门名称：" + department, "年度：" + fiscalYear, "单位：万元",
                "记录截至：" + (asOf == null ? "生成时的最新记录" : asOf),
                "生效截至：" + (effectiveOn == null ? "全部变动" : effectiveOn.toString()),
                "生成时间：" + SHOWN.format(madeAt.atZone(zone)) + " " + zone.getId());
    }

    /** 项目支出绩效目标表-某部门-2025-记录截至2026-03-01-生效截至2025-12-31-生成20261205-1430.csv */
    String fileName(String kind, String format) {
        return kind + "-" + department.replaceAll("[\\\\/:*?\"<>|\\s]", "-") + "-" + fiscalYear + (asOf == null ? "" : "-记录截至" + asOf.replace(':', '-'))
                + (effectiveOn == null ? "" : "-生效截至" + effectiveOn) + "-生成" + STAMP.format(madeAt.atZone(zone)) + "." + format;
    }
}
