package org.publicbudget.ledger.app.imports;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.poi.EncryptedDocumentException;
import org.apache.poi.openxml4j.util.ZipSecureFile;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.ss.usermodel.WorkbookFactory;
import org.apache.poi.ss.util.CellRangeAddress;
import org.apache.poi.ss.util.CellReference;
import org.apache.poi.ss.util.NumberToTextConverter;
import org.apache.poi.xssf.usermodel.XSSFCell;
import org.publicbudget.ledger.domain.indicator.IndicatorCategory;

/**
 * A 项目支出绩效目标表 from the workbook a finance system exports, found on whichever
 * sheet holds it by its column titles. Two layouts: one row per project with the
 * indicators in one cell as printed; or one row per indicator (一级/二级/三级指标,
 * 实施周期指标值, 年度指标值) with the project's cells merged over its indicator rows.
 * Amounts as numbers (the number as stored, whatever its format) or as text; an empty
 * cell is zero. Nothing in a workbook is run: formulas give their stored results, macros
 * are never read.
 */
final class WorkbookTable {

    /** Far above any department's sheet, far below what would strain the server: a workbook unpacking past it is refused. */
    static final long MOST_UNPACKED_BYTES = 50L * 1024 * 1024;

    private static final Pattern DEPARTMENT = Pattern.compile("部门名称\\s*[:：]?\\s*(.*)");
    private static final Pattern CODED = Pattern.compile("^[0-9]{1,2}\\s*-.*");

    static {
        ZipSecureFile.setMaxEntrySize(MOST_UNPACKED_BYTES);
    }

    private WorkbookTable() {
    }

    /** The table of {@code bytes}; a workbook that cannot be opened is an {@link UnreadableDocument}. */
    static ReadDocument read(byte[] bytes, String documentName) {
        try (Workbook workbook = WorkbookFactory.create(new ByteArrayInputStream(bytes))) {
            for (Sheet sheet : workbook) {
                ReadDocument found = read(sheet);
                if (found != null) {
                    return found;
                }
            }
            return BudgetTable.read(null, List.of());
        } catch (EncryptedDocumentException e) {
            throw new UnreadableDocument(documentName, "the workbook is encrypted: it opens only with a password");
        } catch (IOException | RuntimeException e) {
            String message = String.valueOf(e.getMessage());
            if (message.contains("Zip bomb") || message.contains("exceeds the max") || message.contains("MaxEntrySize")) {
                throw DocumentRefused.tooLarge(documentName, "the workbook unpacks to more than " + MOST_UNPACKED_BYTES / 1024 / 1024
                        + " MB or far more than it packs (a zip bomb)");
            }
            throw new UnreadableDocument(documentName, "the workbook is damaged or truncated (" + e.getMessage() + ")");
        }
    }

    /** The table on {@code sheet}, or null when its rows hold no heading of one. */
    private static ReadDocument read(Sheet sheet) {
        Set<String> merged = mergedCells(sheet);
        for (int r = sheet.getFirstRowNum(); r <= Math.min(sheet.getLastRowNum(), sheet.getFirstRowNum() + 50); r++) {
            Map<Integer, Column> columns = titles(sheet.getRow(r));
            if (!columns.containsValue(Column.NAME)) {
                continue;
            }
            int body = r + 1;
            Map<Integer, Column> second = titles(sheet.getRow(body));
            if (!second.isEmpty() && second.size() == filled(sheet.getRow(body)) && !second.containsValue(Column.NAME)) {
                // a second heading row: the sources under 资金来源, the indicator's columns under 绩效指标
                columns.putAll(second);
                body++;
            }
            String department = department(sheet, r);
            boolean perIndicator = columns.containsValue(Column.LEVEL3) || columns.containsValue(Column.ANNUAL_TARGET);
            List<TableRow> rows = new ArrayList<>();
            int indicator = 0;
            for (int i = body; i <= sheet.getLastRowNum(); i++) {
                Row row = sheet.getRow(i);
                if (row == null) {
                    continue;
                }
                Map<Column, String> cells = new EnumMap<>(Column.class);
                int nameColumn = -1;
                for (Map.Entry<Integer, Column> column : columns.entrySet()) {
                    String key = i + ":" + column.getKey();
                    if (column.getValue() == Column.NAME) {
                        nameColumn = column.getKey();
                    }
                    // a project's cells merged over its indicator rows are the project's once, on its first row
                    cells.put(column.getValue(), merged.contains(key) ? "" : text(row.getCell(column.getKey())));
                }
                if (perIndicator) {
                    indicator = cells.get(Column.NAME).isEmpty() ? indicator + 1 : 1;
                    cells.put(Column.INDICATORS, indicatorRecord(indicator, cells));
                }
                String locator = sheet.getSheetName() + "!" + new CellReference(i, Math.max(0, nameColumn)).formatAsString(false);
                rows.add(new TableRow(locator, cells));
            }
            return BudgetTable.read(department, rows);
        }
        return null;
    }

    /**
     * One indicator row written as the PDF's indicator column prints it
     * ({@code 2、1-产出指标；11-数量指标；name；实施周期指标值:…；年度指标值:…。}), so that
     * both layouts are read by the same rules; empty when the row holds no indicator.
     */
    private static String indicatorRecord(int no, Map<Column, String> cells) {
        String name = cells.getOrDefault(Column.LEVEL3, "");
        if (name.isEmpty() && cells.getOrDefault(Column.ANNUAL_TARGET, "").isEmpty()) {
            return "";
        }
        return no + "、" + level1(cells.getOrDefault(Column.LEVEL1, "")) + "；" + level2(cells.getOrDefault(Column.LEVEL2, "")) + "；"
                + name + "；实施周期指标值:" + cells.getOrDefault(Column.PERIOD_TARGET, "") + "；年度指标值:"
                + cells.getOrDefault(Column.ANNUAL_TARGET, "") + "。";
    }

    /** {@code 1-产出指标} as it stands, or {@code 产出指标} with its code put in front. */
    private static String level1(String text) {
        if (CODED.matcher(text).matches()) {
            return text;
        }
        for (String code : List.of("1", "2", "3")) {
            if (IndicatorCategory.level1Label(code).orElseThrow().equals(text)) {
                return code + "-" + text;
            }
        }
        return text;
    }

    private static String level2(String text) {
        if (CODED.matcher(text).matches()) {
            return text;
        }
        for (IndicatorCategory category : IndicatorCategory.values()) {
            if (category.label().equals(text)) {
                return category.level2() + "-" + text;
            }
        }
        return text;
    }

    /** The 部门名称 above the heading: after its colon in the same cell, or in the next cell of its row. */
    private static String department(Sheet sheet, int heading) {
        for (int r = sheet.getFirstRowNum(); r < heading; r++) {
            Row row = sheet.getRow(r);
            if (row == null) {
                continue;
            }
            for (Cell cell : row) {
                Matcher m = DEPARTMENT.matcher(text(cell));
                if (m.find()) {
                    String name = m.group(1).replaceAll("单位[:：].*$", "").strip();
                    return name.isEmpty() ? text(row.getCell(cell.getColumnIndex() + 1)) : name;
                }
            }
        }
        return null;
    }

    private static Map<Integer, Column> titles(Row row) {
        Map<Integer, Column> columns = new LinkedHashMap<>();
        if (row != null) {
            for (Cell cell : row) {
                Column.titled(text(cell)).ifPresent(column -> columns.putIfAbsent(cell.getColumnIndex(), column));
            }
        }
        return columns;
    }

    private static int filled(Row row) {
        int filled = 0;
        for (Cell cell : row) {
            filled += text(cell).isEmpty() ? 0 : 1;
        }
        return filled;
    }

    /** The cells, as "row:column", that a merged region covers below its first row: their value is the first row's. */
    private static Set<String> mergedCells(Sheet sheet) {
        Set<String> covered = new HashSet<>();
        for (CellRangeAddress region : sheet.getMergedRegions()) {
            for (int r = region.getFirstRow(); r <= region.getLastRow(); r++) {
                for (int c = region.getFirstColumn(); c <= region.getLastColumn(); c++) {
                    if (r != region.getFirstRow()) {
                        covered.add(r + ":" + c);
                    }
                }
            }
        }
        return covered;
    }

    /** A cell's text: a number as the workbook stores it (never through arithmetic), a formula's stored result, blank as empty. */
    static String text(Cell cell) {
        if (cell == null) {
            return "";
        }
        CellType type = cell.getCellType() == CellType.FORMULA ? cell.getCachedFormulaResultType() : cell.getCellType();
        return switch (type) {
            case STRING -> cell.getStringCellValue().strip();
            case NUMERIC -> number(cell instanceof XSSFCell stored && cell.getCellType() == CellType.NUMERIC && stored.getRawValue() != null
                    ? stored.getRawValue() : NumberToTextConverter.toText(cell.getNumericCellValue()));
            case BOOLEAN -> String.valueOf(cell.getBooleanCellValue());
            default -> "";
        };
    }

    /**
     * A stored number in plain decimals. A workbook stores binary floating point, written
     * out with up to 17 digits (59.840000000000003); its 15 significant digits are the
     * number the person typed, as Excel itself shows it.
     */
    private static String number(String stored) {
        try {
            return new BigDecimal(stored).round(new MathContext(15)).stripTrailingZeros().toPlainString();
        } catch (NumberFormatException e) {
            return stored;
        }
    }
}
