package org.publicbudget.ledger.app.export;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.DataFormat;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFCell;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.publicbudget.ledger.query.totals.ProjectDetail;

/**
 * The self-evaluation as CSV (UTF-8 with a byte-order mark) and XLSX. Amounts and rates
 * are written as their exact decimal text; every text cell goes through
 * {@link TableFiles#text}, so that nothing in it runs as a formula.
 */
public final class SelfEvaluationFiles {

    private SelfEvaluationFiles() {
    }

    public static byte[] csv(SelfEvaluation table) {
        StringBuilder out = new StringBuilder("\uFEFF");
        TableFiles.line(out, padded("项目支出绩效自评表"));
        TableFiles.line(out, padded("部门名称：" + table.department(), "年度：" + table.fiscalYear(), "单位：万元",
                "预算数：" + table.allocated().toPlainString(), "执行数：" + table.spent().toPlainString(),
                "执行率：" + (table.executionRate() == null ? "" : table.executionRate().toPlainString())));
        TableFiles.line(out, SelfEvaluation.HEADINGS);
        for (SelfEvaluation.Line line : table.lines()) {
            TableFiles.line(out, cells(line).stream()
                    .map(c -> c == null ? "" : c instanceof BigDecimal d ? d.toPlainString() : TableFiles.text(c.toString())).toList());
        }
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }

    public static byte[] xlsx(SelfEvaluation table) {
        try (XSSFWorkbook workbook = new XSSFWorkbook(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            Sheet sheet = workbook.createSheet("项目支出绩效自评表");
            DataFormat formats = workbook.createDataFormat();
            CellStyle money = workbook.createCellStyle();
            money.setDataFormat(formats.getFormat("#,##0.00####"));
            CellStyle rate = workbook.createCellStyle();
            rate.setDataFormat(formats.getFormat("0.00%"));
            sheet.createRow(0).createCell(0).setCellValue("项目支出绩效自评表");
            Row about = sheet.createRow(1);
            about.createCell(0).setCellValue(TableFiles.text("部门名称：" + table.department()));
            about.createCell(1).setCellValue("年度：" + table.fiscalYear());
            about.createCell(2).setCellValue("单位：万元");
            Row headings = sheet.createRow(2);
            for (int c = 0; c < SelfEvaluation.HEADINGS.size(); c++) {
                headings.createCell(c).setCellValue(SelfEvaluation.HEADINGS.get(c));
            }
            int r = 3;
            for (SelfEvaluation.Line line : table.lines()) {
                Row row = sheet.createRow(r++);
                List<Object> cells = cells(line);
                for (int c = 0; c < cells.size(); c++) {
                    Object value = cells.get(c);
                    XSSFCell cell = (XSSFCell) row.createCell(c);
                    if (value instanceof BigDecimal number) {
                        // the workbook stores a number as its decimal text: write that text exactly, never a binary fraction
                        cell.getCTCell().setV(number.toPlainString());
                        cell.setCellStyle(c == RATE_COLUMN ? rate : money);
                    } else if (value != null) {
                        cell.setCellValue(TableFiles.text(value.toString()));
                    }
                }
            }
            sheet.setColumnWidth(0, 24 * 256);
            sheet.setColumnWidth(1, 40 * 256);
            sheet.setColumnWidth(7, 30 * 256);
            sheet.setColumnWidth(13, 50 * 256);
            workbook.write(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static final int RATE_COLUMN = 4;

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
        cells.add(latest == null ? null : latest.reason());
        return cells;
    }

    /** 是, 否, or 待人工判断 where the ledger cannot decide (a qualitative target, a result that is not a number). */
    static String met(ProjectDetail.Result result) {
        if (result == null) {
            return null;
        }
        return result.met() == null ? "待人工判断" : result.met() ? "是" : "否";
    }

    private static List<String> padded(String... cells) {
        List<String> line = new ArrayList<>(List.of(cells));
        while (line.size() < SelfEvaluation.HEADINGS.size()) {
            line.add("");
        }
        return line;
    }
}
