package org.publicbudget.ledger.app.support;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.util.CellRangeAddress;
import org.apache.poi.xssf.usermodel.XSSFCell;
import org.apache.poi.xssf.usermodel.XSSFRow;
import org.apache.poi.xssf.usermodel.XSSFSheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;

/**
 * A budget as finance systems export it, in either layout: one row per project with the
 * indicators in one cell as printed, or one row per indicator with the project's cells
 * merged over its indicator rows. The table starts on the second sheet, in column B,
 * below a title and the 部门名称; amounts alternate between numbers (written as the
 * exact decimal the file stores, in three number formats) and text; zero is an empty cell.
 */
public final class BudgetWorkbook {

    public static final String SHEET = "项目支出绩效目标表";
    /** The table's first column (B): locators name cells from there. */
    public static final int FIRST = 1;

    private final XSSFWorkbook workbook = new XSSFWorkbook();
    private final XSSFSheet sheet;
    private final CellStyle[] formats;
    private int next;
    private int amounts;

    private BudgetWorkbook() {
        workbook.createSheet("说明").createRow(0).createCell(0).setCellValue("本表由预算管理一体化系统导出");
        sheet = workbook.createSheet(SHEET);
        formats = new CellStyle[] {style("#,##0.00"), style("0.00"), style("General")};
    }

    public static byte[] byProject(Budget budget) {
        BudgetWorkbook book = new BudgetWorkbook();
        book.preamble(budget);
        book.cells(book.row(), "项目名称（资金使用单位）", "总计", "财政拨款", "财政专户拨款", "其他资金", "绩效目标", "绩效指标");
        book.totals(budget);
        for (Budget.Unit unit : budget.units()) {
            book.unit(unit);
            for (Budget.Project project : unit.projects()) {
                XSSFRow row = book.row();
                book.projectCells(row, project);
                StringBuilder indicators = new StringBuilder();
                for (int i = 0; i < project.indicators().size(); i++) {
                    indicators.append(project.indicators().get(i).printed(i + 1));
                }
                row.createCell(FIRST + 6).setCellValue(indicators.toString());
            }
        }
        return book.bytes();
    }

    public static byte[] byIndicator(Budget budget) {
        BudgetWorkbook book = new BudgetWorkbook();
        book.preamble(budget);
        XSSFRow top = book.row();
        XSSFRow second = book.row();
        book.cells(top, "项目名称（资金使用单位）", "总计", "资金来源", "", "", "绩效目标", "绩效指标");
        book.cells(second, "", "", "财政拨款", "财政专户拨款", "其他资金", "", "一级指标", "二级指标", "三级指标", "实施周期指标值", "年度指标值");
        for (int c : new int[] {0, 1, 5}) {
            book.sheet.addMergedRegion(new CellRangeAddress(top.getRowNum(), second.getRowNum(), FIRST + c, FIRST + c));
        }
        book.sheet.addMergedRegion(new CellRangeAddress(top.getRowNum(), top.getRowNum(), FIRST + 2, FIRST + 4));
        book.sheet.addMergedRegion(new CellRangeAddress(top.getRowNum(), top.getRowNum(), FIRST + 6, FIRST + 10));
        book.totals(budget);
        for (Budget.Unit unit : budget.units()) {
            book.unit(unit);
            for (Budget.Project project : unit.projects()) {
                int first = book.next;
                for (int i = 0; i < Math.max(1, project.indicators().size()); i++) {
                    XSSFRow row = book.row();
                    if (i == 0) {
                        book.projectCells(row, project);
                    }
                    if (i < project.indicators().size()) {
                        Budget.Indicator indicator = project.indicators().get(i);
                        // some systems print the level's code, some only its name
                        book.cells(row, 6, i % 2 == 0 ? indicator.level1() : indicator.level1().replaceFirst("^[0-9]+-", ""),
                                i % 2 == 0 ? indicator.level2() : indicator.level2().replaceFirst("^[0-9]+-", ""), indicator.name(),
                                indicator.periodTarget(), indicator.annualTarget());
                    }
                }
                if (book.next - 1 > first) {
                    for (int c = 0; c < 6; c++) {
                        book.sheet.addMergedRegion(new CellRangeAddress(first, book.next - 1, FIRST + c, FIRST + c));
                    }
                }
            }
        }
        return book.bytes();
    }

    private void preamble(Budget budget) {
        row().createCell(FIRST).setCellValue("项目支出绩效目标表（含转移支付项目）");
        XSSFRow department = row();
        department.createCell(FIRST).setCellValue("部门名称：");
        department.createCell(FIRST + 1).setCellValue(budget.department());
        row().createCell(FIRST).setCellValue("单位：万元");
    }

    private void totals(Budget budget) {
        XSSFRow row = row();
        row.createCell(FIRST).setCellValue("合计");
        amount(row, 1, budget.grandTotal());
    }

    private void unit(Budget.Unit unit) {
        XSSFRow row = row();
        row.createCell(FIRST).setCellValue(unit.name());
        amount(row, 1, unit.declaredTotal());
    }

    private void projectCells(XSSFRow row, Budget.Project project) {
        row.createCell(FIRST).setCellValue(project.name());
        amount(row, 1, project.total());
        amount(row, 2, project.fiscal());
        amount(row, 3, project.special());
        amount(row, 4, project.other());
        // the goal wraps inside its cell, as typed with line breaks
        String goal = project.goal();
        row.createCell(FIRST + 5).setCellValue(goal.length() > 20 ? goal.substring(0, 20) + "\n" + goal.substring(20) : goal);
    }

    /** An amount: a number cell (the decimal as stored, never a binary fraction) or text, in turn; zero as an empty cell. */
    private void amount(XSSFRow row, int column, String value) {
        if (value == null || value.isEmpty() || new BigDecimal(value).signum() == 0) {
            return;
        }
        XSSFCell cell = row.createCell(FIRST + column);
        int turn = amounts++;
        if (turn % 4 == 3) {
            cell.setCellValue(BudgetPdf.amount(value));
        } else {
            cell.getCTCell().setV(new BigDecimal(value).toPlainString());
            cell.setCellStyle(formats[turn % formats.length]);
        }
    }

    private void cells(XSSFRow row, String... texts) {
        cells(row, 0, texts);
    }

    private void cells(XSSFRow row, int from, String... texts) {
        for (int i = 0; i < texts.length; i++) {
            if (!texts[i].isEmpty()) {
                row.createCell(FIRST + from + i).setCellValue(texts[i]);
            }
        }
    }

    private XSSFRow row() {
        return sheet.createRow(next++);
    }

    private CellStyle style(String format) {
        CellStyle style = workbook.createCellStyle();
        style.setDataFormat(workbook.createDataFormat().getFormat(format));
        return style;
    }

    private byte[] bytes() {
        try (XSSFWorkbook book = workbook; ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            book.write(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
