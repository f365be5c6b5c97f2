package org.publicbudget.ledger.app.audit.exports;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.DataFormat;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.xssf.usermodel.XSSFCell;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;

/**
 * A table of cells — text, exact decimals, or nothing — written as CSV (UTF-8 with a
 * byte-order mark, so that spreadsheet programs read the Chinese text correctly) or as
 * an Excel workbook. Decimals stay exact in both (rates are fractions in the workbook,
 * shown as percentages, and percentages in CSV); no text cell ever runs as a formula.
 */
final class Spreadsheets {

    /** {@code rateColumns} hold fractions shown as percentages; {@code widths} are in characters, by column. */
    record Table(String title, List<String> about, List<String> headings, List<List<Object>> rows, Set<Integer> rateColumns,
            Map<Integer, Integer> widths) {
    }

    private Spreadsheets() {
    }

    static byte[] csv(Table table) {
        StringBuilder out = new StringBuilder("\uFEFF");
        line(out, padded(List.of(table.title()), table));
        line(out, padded(table.about(), table));
        line(out, table.headings());
        for (List<Object> row : table.rows()) {
            List<String> cells = new ArrayList<>();
            for (int c = 0; c < row.size(); c++) {
                Object value = row.get(c);
                cells.add(value == null ? "" : value instanceof BigDecimal d ? (table.rateColumns().contains(c) ? percent(d) : d.toPlainString())
                        : text(value.toString()));
            }
            line(out, cells);
        }
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }

    static byte[] xlsx(Table table) {
        try (XSSFWorkbook workbook = new XSSFWorkbook(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            org.apache.poi.ss.usermodel.Sheet sheet = workbook.createSheet(table.title());
            DataFormat formats = workbook.createDataFormat();
            CellStyle money = workbook.createCellStyle();
            money.setDataFormat(formats.getFormat("#,##0.00####"));
            CellStyle rate = workbook.createCellStyle();
            rate.setDataFormat(formats.getFormat("0.00%"));
            // Excel's own mark for "this is text": shown as written, never evaluated, even once the cell is edited
            CellStyle literal = workbook.createCellStyle();
            literal.setQuotePrefixed(true);
            sheet.createRow(0).createCell(0).setCellValue(table.title());
            Row about = sheet.createRow(1);
            for (int c = 0; c < table.about().size(); c++) {
                about.createCell(c).setCellValue(table.about().get(c));
            }
            Row headings = sheet.createRow(2);
            for (int c = 0; c < table.headings().size(); c++) {
                headings.createCell(c).setCellValue(table.headings().get(c));
            }
            int r = 3;
            for (List<Object> cells : table.rows()) {
                Row row = sheet.createRow(r++);
                for (int c = 0; c < cells.size(); c++) {
                    Object value = cells.get(c);
                    XSSFCell cell = (XSSFCell) row.createCell(c);
                    if (value instanceof BigDecimal number) {
                        // the workbook stores a number as its decimal text: write that text exactly, never a binary fraction
                        cell.getCTCell().setV(number.toPlainString());
                        cell.setCellStyle(table.rateColumns().contains(c) ? rate : money);
                    } else if (value != null) {
                        cell.setCellValue(value.toString());
                        if (startsLikeAFormula(value.toString())) {
                            cell.setCellStyle(literal);
                        }
                    }
                }
            }
            table.widths().forEach((column, characters) -> sheet.setColumnWidth(column, characters * 256));
            workbook.write(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A fraction as the percentage a reader expects in a CSV cell, exactly: 0.2088 is 20.88%. */
    static String percent(BigDecimal fraction) {
        return fraction.movePointRight(2).toPlainString() + "%";
    }

    /**
     * A name or a target as a spreadsheet will show it and never run it: text that
     * starts like a formula (= + - @, after spaces or not, or a tab or carriage return) gets a
     * leading apostrophe, which Excel and LibreOffice read as "this is text" (OWASP's
     * advice on CSV injection). Amounts are numbers and are written as they are.
     */
    static String text(String value) {
        return startsLikeAFormula(value) ? "'" + value : value;
    }

    /** Spaces before the sign do not stop a spreadsheet from reading a formula (it trims them), nor does a full-width sign. */
    private static boolean startsLikeAFormula(String value) {
        int first = 0;
        while (first < value.length() && (Character.isWhitespace(value.charAt(first)) || Character.isSpaceChar(value.charAt(first)))) {
            first++;
        }
        return first < value.length() && "=+-@\t\r＝＋－＠".indexOf(value.charAt(first)) >= 0
                || !value.isEmpty() && "\t\r".indexOf(value.charAt(0)) >= 0;
    }

    private static List<String> padded(List<String> cells, Table table) {
        List<String> line = new ArrayList<>(cells);
        while (line.size() < table.headings().size()) {
            line.add("");
        }
        return line;
    }

    private static void line(StringBuilder out, List<String> cells) {
        for (int c = 0; c < cells.size(); c++) {
            if (c > 0) {
                out.append(',');
            }
            out.append('"').append(cells.get(c).replace("\"", "\"\"")).append('"');
        }
        out.append("\r\n");
    }
}
