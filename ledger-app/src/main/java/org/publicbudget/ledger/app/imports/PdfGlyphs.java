package org.publicbudget.ledger.app.imports;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.apache.pdfbox.text.TextPosition;

/**
 * The characters of one PDF page with where each stands (top-down coordinates, as the
 * rulings). Positions are points on the page, floats as PDFBox gives them; amounts are
 * never read from them, only the text of the cell a character falls in.
 */
final class PdfGlyphs extends PDFTextStripper {

    /** One character: its text, the left edge, the baseline, its width and its height. */
    record Glyph(String text, float x, float y, float width, float height) {

        float centreX() {
            return x + width / 2;
        }

        float centreY() {
            return y - height / 2;
        }
    }

    private final List<Glyph> glyphs = new ArrayList<>();

    private PdfGlyphs() {
        setSortByPosition(true);
    }

    static List<Glyph> of(PDDocument document, int page) throws IOException {
        PdfGlyphs stripper = new PdfGlyphs();
        stripper.setStartPage(page);
        stripper.setEndPage(page);
        stripper.getText(document);
        return stripper.glyphs;
    }

    @Override
    protected void writeString(String text, List<TextPosition> positions) {
        for (TextPosition p : positions) {
            if (!p.getUnicode().isBlank()) {
                glyphs.add(new Glyph(p.getUnicode(), p.getXDirAdj(), p.getYDirAdj(), p.getWidthDirAdj(), Math.max(1f, p.getHeightDir())));
            }
        }
    }
}
