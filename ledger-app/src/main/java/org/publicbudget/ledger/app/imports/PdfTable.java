package org.publicbudget.ledger.app.imports;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.io.IOUtils;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.encryption.InvalidPasswordException;

/**
 * A 项目支出绩效目标表 read from the PDF a department publishes: its ruling lines make the
 * grid, each character goes to the cell it stands in (so an amount's column is known
 * from where it stands, and a wrapped cell is one cell), the heading's titles name the
 * columns, and the heading printed again on every page is skipped. The department is
 * the 部门名称 printed above the table. Pages are read one at a time, with the file's
 * streams cached on disk rather than in memory.
 */
final class PdfTable {

    private static final Pattern DEPARTMENT = Pattern.compile("部门名称[:：]\\s*(.+?)\\s*(?:单位[:：]|$)");
    /** Ruling lines this close are one line (a border drawn twice, a cell's edge and its neighbour's). */
    private static final float SAME_LINE = 2f;

    private PdfTable() {
    }

    /** The table of {@code bytes}; a PDF that cannot be read at all is an {@link UnreadableDocument}. */
    static ReadDocument read(byte[] bytes, String documentName) {
        try (PDDocument document = Loader.loadPDF(bytes, "", null, null, IOUtils.createTempFileOnlyStreamCache())) {
            if (document.isEncrypted() && !document.getCurrentAccessPermission().canExtractContent()) {
                throw new UnreadableDocument(documentName, "the PDF is encrypted against copying its text");
            }
            return read(document, documentName);
        } catch (InvalidPasswordException e) {
            throw new UnreadableDocument(documentName, "the PDF is encrypted: it opens only with a password");
        } catch (IOException | RuntimeException e) {
            if (e instanceof UnreadableDocument unreadable) {
                throw unreadable;
            }
            throw new UnreadableDocument(documentName, "the PDF is damaged or truncated (" + e.getMessage() + ")");
        }
    }

    private static ReadDocument read(PDDocument document, String documentName) throws IOException {
        List<TableRow> rows = new ArrayList<>();
        StringBuilder above = new StringBuilder();
        Map<Integer, Column> columns = null;
        int glyphsSeen = 0;
        int imagesSeen = 0;
        for (int p = 1; p <= document.getNumberOfPages(); p++) {
            PDPage page = document.getPage(p - 1);
            List<PdfGlyphs.Glyph> glyphs = PdfGlyphs.of(document, p);
            PdfRulings rulings = PdfRulings.of(page);
            glyphsSeen += glyphs.size();
            imagesSeen += rulings.images();
            Grid grid = Grid.of(rulings.segments());
            if (grid == null) {
                if (rows.isEmpty()) {
                    above.append(text(glyphs));
                }
                continue;
            }
            List<PdfGlyphs.Glyph> outside = new ArrayList<>();
            Map<Integer, Map<Integer, List<PdfGlyphs.Glyph>>> cells = grid.place(glyphs, outside);
            if (rows.isEmpty()) {
                above.append(text(outside.stream().filter(g -> g.centreY() < grid.ys[0]).toList()));
            }
            boolean heading = false;
            for (int r = 0; r < grid.ys.length - 1; r++) {
                Map<Integer, String> texts = texts(cells.getOrDefault(r, Map.of()));
                Map<Integer, Column> titled = titles(texts);
                if (titled.containsValue(Column.NAME)) {
                    // the heading, first printed or printed again at the top of a page
                    columns = new LinkedHashMap<>(titled);
                    heading = true;
                    continue;
                }
                if (heading && !titled.isEmpty() && titled.size() == texts.size()) {
                    // a second heading row: the sources under 资金来源
                    columns.putAll(titled);
                    continue;
                }
                heading = false;
                if (columns == null) {
                    continue;
                }
                Map<Column, String> row = new EnumMap<>(Column.class);
                for (Map.Entry<Integer, String> cell : texts.entrySet()) {
                    Column column = columns.get(cell.getKey());
                    if (column != null) {
                        row.merge(column, cell.getValue(), (a, b) -> a + "\n" + b);
                    }
                }
                rows.add(new TableRow("page " + p + ", row " + (r + 1), row));
            }
        }
        if (glyphsSeen == 0) {
            throw new UnreadableDocument(documentName, imagesSeen > 0 ? "the document is an image: no text layer to read"
                    : "the PDF has no text at all");
        }
        Matcher department = DEPARTMENT.matcher(above);
        return BudgetTable.read(department.find() ? department.group(1) : null, rows);
    }

    private static Map<Integer, Column> titles(Map<Integer, String> texts) {
        Map<Integer, Column> titled = new LinkedHashMap<>();
        texts.forEach((column, text) -> Column.titled(text).ifPresent(c -> titled.put(column, c)));
        return titled;
    }

    private static Map<Integer, String> texts(Map<Integer, List<PdfGlyphs.Glyph>> cells) {
        Map<Integer, String> texts = new LinkedHashMap<>();
        cells.forEach((column, glyphs) -> texts.put(column, text(glyphs)));
        return texts;
    }

    /**
     * The glyphs of one cell (or of the page above the table) as text: lines from top
     * to bottom, joined by line breaks; within a line left to right, with a space where
     * the printed gap is wider than half a character.
     */
    static String text(List<PdfGlyphs.Glyph> glyphs) {
        List<PdfGlyphs.Glyph> sorted = new ArrayList<>(glyphs);
        sorted.sort(Comparator.comparingDouble(PdfGlyphs.Glyph::y));
        List<List<PdfGlyphs.Glyph>> lines = new ArrayList<>();
        for (PdfGlyphs.Glyph glyph : sorted) {
            List<PdfGlyphs.Glyph> last = lines.isEmpty() ? null : lines.get(lines.size() - 1);
            if (last != null && Math.abs(last.get(0).y() - glyph.y()) < glyph.height() / 2) {
                last.add(glyph);
            } else {
                lines.add(new ArrayList<>(List.of(glyph)));
            }
        }
        StringBuilder text = new StringBuilder();
        for (List<PdfGlyphs.Glyph> line : lines) {
            line.sort(Comparator.comparingDouble(PdfGlyphs.Glyph::x));
            if (!text.isEmpty()) {
                text.append('\n');
            }
            PdfGlyphs.Glyph previous = null;
            for (PdfGlyphs.Glyph glyph : line) {
                if (previous != null && glyph.x() - (previous.x() + previous.width()) > glyph.height() / 2) {
                    text.append(' ');
                }
                text.append(glyph.text());
                previous = glyph;
            }
        }
        return text.toString();
    }

    /** The table's grid on one page: the x of its vertical rulings and the y of its horizontal ones, top to bottom. */
    private record Grid(float[] xs, float[] ys) {

        /** The grid the segments draw, or null when they draw no table (fewer than two columns' or one row's borders). */
        static Grid of(List<PdfRulings.Segment> segments) {
            float[] xs = positions(segments.stream().filter(s -> !s.horizontal()).map(s -> new float[] {s.x1(), 0}).toList());
            if (xs.length < 3) {
                return null;
            }
            float width = xs[xs.length - 1] - xs[0];
            // a row's border runs across the table; a short line inside a cell (an underline, a merged cell's edge) does not
            float[] ys = positions(segments.stream().filter(PdfRulings.Segment::horizontal)
                    .map(s -> new float[] {s.y1(), Math.min(s.x2(), xs[xs.length - 1]) - Math.max(s.x1(), xs[0])}).toList(), width / 2);
            return ys.length < 2 ? null : new Grid(xs, ys);
        }

        /** Each glyph by row and column; those outside the grid go to {@code outside}. */
        Map<Integer, Map<Integer, List<PdfGlyphs.Glyph>>> place(List<PdfGlyphs.Glyph> glyphs, List<PdfGlyphs.Glyph> outside) {
            Map<Integer, Map<Integer, List<PdfGlyphs.Glyph>>> cells = new LinkedHashMap<>();
            for (PdfGlyphs.Glyph glyph : glyphs) {
                int column = interval(xs, glyph.centreX());
                int row = interval(ys, glyph.centreY());
                if (column < 0 || row < 0) {
                    outside.add(glyph);
                } else {
                    cells.computeIfAbsent(row, r -> new LinkedHashMap<>()).computeIfAbsent(column, c -> new ArrayList<>()).add(glyph);
                }
            }
            return cells;
        }

        private static int interval(float[] edges, float at) {
            for (int i = 0; i < edges.length - 1; i++) {
                if (at >= edges[i] && at < edges[i + 1]) {
                    return i;
                }
            }
            return -1;
        }

        private static float[] positions(List<float[]> lines) {
            return positions(lines, 0);
        }

        /**
         * The distinct positions of {@code lines} ({position, length}), those within
         * {@link #SAME_LINE} merged, kept when together they are long enough (a row's border
         * is often drawn cell by cell).
         */
        private static float[] positions(List<float[]> lines, float shortest) {
            List<float[]> sorted = new ArrayList<>(lines);
            sorted.sort(Comparator.comparingDouble(l -> l[0]));
            List<Float> kept = new ArrayList<>();
            int i = 0;
            while (i < sorted.size()) {
                float at = sorted.get(i)[0];
                float length = 0;
                int j = i;
                while (j < sorted.size() && sorted.get(j)[0] - at <= SAME_LINE) {
                    length += sorted.get(j)[1];
                    j++;
                }
                if (length >= shortest) {
                    kept.add(at);
                }
                i = j;
            }
            float[] result = new float[kept.size()];
            for (int k = 0; k < result.length; k++) {
                result[k] = kept.get(k);
            }
            return result;
        }
    }
}
