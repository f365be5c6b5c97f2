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
import org.publicbudget.ledger.domain.money.FundingSource;

/** The department table written as CSV or as an Excel workbook; amounts stay exact decimals in both. */
public final class TableFiles {

    private TableFiles() {
    }

    /** UTF-8 with a byte-order mark, so that spreadsheet programs read the Chinese text correctly. */
    public static byte[] csv(DepartmentTable table) {
        StringBuilder out = new StringBuilder("\uFEFF");
        line(out, List.of("项目支出绩效目标表", "", "", "", "", "", "", "", ""));
        line(out, List.of("部门名称：" + table.department(), "年度：" + table.fiscalYear(), "单位：万元", "", "", "", "", "", ""));
        line(out, DepartmentTable.HEADINGS);
        for (DepartmentTable.Row row : table.rows()) {
            line(out, cells(row).stream().map(c -> c == null ? "" : c instanceof BigDecimal d ? d.toPlainString() : text(c.toString())).toList());
        }
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }

    public static byte[] xlsx(DepartmentTable table) {
        try (XSSFWorkbook workbook = new XSSFWorkbook(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            Sheet sheet = workbook.createSheet("项目支出绩效目标表");
            DataFormat formats = workbook.createDataFormat();
            CellStyle money = workbook.createCellStyle();
            money.setDataFormat(formats.getFormat("#,##0.00####"));
            sheet.createRow(0).createCell(0).setCellValue("项目支出绩效目标表");
            Row about = sheet.createRow(1);
            about.createCell(0).setCellValue("部门名称：" + table.department());
            about.createCell(1).setCellValue("年度：" + table.fiscalYear());
            about.createCell(2).setCellValue("单位：万元");
            Row headings = sheet.createRow(2);
            for (int c = 0; c < DepartmentTable.HEADINGS.size(); c++) {
                headings.createCell(c).setCellValue(DepartmentTable.HEADINGS.get(c));
            }
            int r = 3;
            for (DepartmentTable.Row row : table.rows()) {
                Row line = sheet.createRow(r++);
                List<Object> cells = cells(row);
                for (int c = 0; c < cells.size(); c++) {
                    Object value = cells.get(c);
                    XSSFCell cell = (XSSFCell) line.createCell(c);
                    if (value instanceof BigDecimal amount) {
                        // the workbook stores a number as its decimal text: write that text exactly, never a binary fraction
                        cell.getCTCell().setV(amount.toPlainString());
                        cell.setCellStyle(money);
                    } else if (value != null) {
                        cell.setCellValue(value.toString());
                    }
                }
            }
            sheet.setColumnWidth(0, 40 * 256);
            sheet.setColumnWidth(5, 60 * 256);
            sheet.setColumnWidth(6, 80 * 256);
            workbook.write(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<Object> cells(DepartmentTable.Row row) {
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
        return cells;
    }

    /**
     * A name or a target as a spreadsheet will show it and never run it: text that
     * starts like a formula (= + - @, or a tab or carriage return before one) gets a
     * leading apostrophe, which Excel and LibreOffice read as "this is text" (OWASP's
     * advice on CSV injection). Amounts are numbers and are written as they are.
     */
    static String text(String value) {
        return !value.isEmpty() && "=+-@\t\r".indexOf(value.charAt(0)) >= 0 ? "'" + value : value;
    }

    static void line(StringBuilder out, List<String> cells) {
        for (int c = 0; c < cells.size(); c++) {
            if (c > 0) {
                out.append(',');
            }
            out.append('"').append(cells.get(c).replace("\"", "\"\"")).append('"');
        }
        out.append("\r\n");
    }
}
