package org.publicbudget.ledger.app.support;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.text.DecimalFormat;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import org.apache.fontbox.ttf.TrueTypeCollection;
import org.apache.fontbox.ttf.TrueTypeFont;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDType0Font;

/**
 * A budget written as a department publishes it: a ruled table on landscape A4 pages in
 * a CJK font (WenQuanYi Zen Hei, installed from Debian's fonts-wqy-zenhei when missing),
 * the heading printed again on every page, text wrapped inside its cell, a row too tall
 * for the rest of a page split over the break — or, for the rows named, printed in part
 * at the bottom and again whole at the top of the next page, as published tables do.
 */
public final class BudgetPdf {

    public static final Path FONT = Path.of("/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc");

    private static final String[] TITLES = {"项目名称（资金使用单位）", "总计", "财政拨款", "财政专户拨款", "其他资金", "绩效目标", "绩效指标"};
    private static final float[] WIDTHS = {95, 55, 55, 55, 55, 200, 267};
    private static final float MARGIN = 30;
    private static final float SIZE = 7;
    private static final float LEADING = 9;
    private static final float PADDING = 3;
    private static final PDRectangle LANDSCAPE = new PDRectangle(PDRectangle.A4.getHeight(), PDRectangle.A4.getWidth());

    private final PDDocument document = new PDDocument();
    private final PDType0Font font;
    private final float pageHeight;
    private PDPageContentStream page;
    private float y;

    private BudgetPdf(float pageHeight) throws IOException {
        DebianPackages.ensure(List.of(FONT), "fonts-wqy-zenhei");
        TrueTypeFont[] first = new TrueTypeFont[1];
        new TrueTypeCollection(FONT.toFile()).processAllFonts(ttf -> {
            if (first[0] == null) {
                first[0] = ttf;
            }
        });
        this.font = PDType0Font.load(document, first[0], true);
        this.pageHeight = pageHeight;
    }

    /** {@code budget} as a PDF; the projects named in {@code printedTwice} are printed again whole after a page break. */
    public static byte[] of(Budget budget, Set<String> printedTwice) {
        return of(budget, printedTwice, LANDSCAPE.getHeight());
    }

    /** The same on pages {@code pageHeight} points tall: short pages put many rows across breaks. */
    public static byte[] of(Budget budget, Set<String> printedTwice, float pageHeight) {
        try {
            BudgetPdf pdf = new BudgetPdf(pageHeight);
            pdf.write(budget, printedTwice);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            pdf.document.save(out);
            pdf.document.close();
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void write(Budget budget, Set<String> printedTwice) throws IOException {
        newPage();
        text(MARGIN + 250, y, "项目支出绩效目标表（含转移支付项目）");
        y -= 16;
        text(MARGIN, y, "部门名称：" + budget.department());
        y -= 12;
        text(MARGIN, y, "单位：万元");
        y -= 8;
        heading();
        row(new String[] {"合计", amount(budget.grandTotal()), "", "", "", "", ""}, false);
        for (Budget.Unit unit : budget.units()) {
            row(new String[] {unit.name(), amount(unit.declaredTotal()), "", "", "", "", ""}, false);
            for (Budget.Project project : unit.projects()) {
                StringBuilder indicators = new StringBuilder();
                for (int i = 0; i < project.indicators().size(); i++) {
                    indicators.append(project.indicators().get(i).printed(i + 1));
                }
                row(new String[] {project.name(), amount(project.total()), amountOrEmpty(project.fiscal()), amountOrEmpty(project.special()),
                    amountOrEmpty(project.other()), project.goal(), indicators.toString()}, printedTwice.contains(project.name()));
            }
        }
        page.close();
    }

    private void newPage() throws IOException {
        if (page != null) {
            page.close();
        }
        PDPage next = new PDPage(new PDRectangle(LANDSCAPE.getWidth(), pageHeight));
        document.addPage(next);
        page = new PDPageContentStream(document, next);
        page.setLineWidth(0.5f);
        y = pageHeight - MARGIN;
    }

    private void heading() throws IOException {
        draw(wrap(TITLES), Integer.MAX_VALUE);
    }

    /** A row: whole when it fits; otherwise split over the break (or printed in part, then again whole). */
    private void row(String[] cells, boolean printTwice) throws IOException {
        List<List<String>> lines = wrap(cells);
        int tallest = lines.stream().mapToInt(List::size).max().orElse(1);
        int fit = (int) ((y - MARGIN - 2 * PADDING) / LEADING);
        if (tallest <= fit) {
            draw(lines, tallest);
            return;
        }
        if (fit < Math.max(lines.get(0).size(), 1) + 1) {
            newPage();
            heading();
            row(cells, false);
            return;
        }
        draw(lines, fit);
        newPage();
        heading();
        if (printTwice) {
            draw(lines, tallest);
            return;
        }
        List<List<String>> rest = new ArrayList<>();
        for (List<String> cell : lines) {
            rest.add(cell.size() > fit ? cell.subList(fit, cell.size()) : List.of());
        }
        int restTallest = rest.stream().mapToInt(List::size).max().orElse(1);
        draw(rest, restTallest);
    }

    /** One ruled row of {@code height} lines, each cell's first lines in it. */
    private void draw(List<List<String>> lines, int height) throws IOException {
        int shown = Math.min(height, lines.stream().mapToInt(List::size).max().orElse(1));
        float rowHeight = Math.max(1, shown) * LEADING + 2 * PADDING;
        float x = MARGIN;
        for (int c = 0; c < WIDTHS.length; c++) {
            page.addRect(x, y - rowHeight, WIDTHS[c], rowHeight);
            List<String> cell = lines.get(c);
            for (int l = 0; l < Math.min(shown, cell.size()); l++) {
                text(x + PADDING, y - PADDING - SIZE - l * LEADING, cell.get(l));
            }
            x += WIDTHS[c];
        }
        page.stroke();
        y -= rowHeight;
    }

    private List<List<String>> wrap(String[] cells) throws IOException {
        List<List<String>> lines = new ArrayList<>();
        for (int c = 0; c < cells.length; c++) {
            lines.add(wrap(cells[c], WIDTHS[c] - 2 * PADDING));
        }
        return lines;
    }

    /** Text broken into lines that fit {@code width}, character by character, as CJK tables wrap. */
    private List<String> wrap(String text, float width) throws IOException {
        if (text.isEmpty()) {
            return Collections.emptyList();
        }
        List<String> lines = new ArrayList<>();
        StringBuilder line = new StringBuilder();
        for (int i = 0; i < text.length(); ) {
            String next = new String(Character.toChars(text.codePointAt(i)));
            if (font.getStringWidth(line + next) / 1000 * SIZE > width && !line.isEmpty()) {
                lines.add(line.toString());
                line.setLength(0);
            }
            line.append(next);
            i += next.length();
        }
        lines.add(line.toString());
        return lines;
    }

    private void text(float x, float at, String text) throws IOException {
        page.beginText();
        page.setFont(font, SIZE);
        page.newLineAtOffset(x, at);
        page.showText(text);
        page.endText();
    }

    /** As published tables print amounts: thousands separated, two decimals at least. */
    static String amount(String plain) {
        DecimalFormat format = new DecimalFormat("#,##0.00####");
        return format.format(new BigDecimal(plain));
    }

    private static String amountOrEmpty(String plain) {
        return new BigDecimal(plain).signum() == 0 ? "" : amount(plain);
    }
}
