package org.publicbudget.ledger.app.imports;

import java.awt.geom.Point2D;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.pdfbox.contentstream.PDFGraphicsStreamEngine;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.graphics.image.PDImage;

/**
 * The ruling lines of one PDF page — the cell borders a published table is drawn with —
 * as horizontal and vertical segments in the page's top-down coordinates, the ones its
 * text positions use. Stroked lines and thin filled rectangles both count; paths that
 * are only clipped do not. Also counts the page's images, to tell a scan from a table.
 */
final class PdfRulings extends PDFGraphicsStreamEngine {

    /** A horizontal ({@code y1 == y2}) or vertical ({@code x1 == x2}) segment, its first point the smaller. */
    record Segment(float x1, float y1, float x2, float y2) {

        boolean horizontal() {
            return y1 == y2;
        }
    }

    private static final float THIN = 2f;
    private static final float SHORTEST = 3f;

    private final float top;
    private final List<Segment> segments = new ArrayList<>();
    private final List<float[]> path = new ArrayList<>();
    private final Point2D.Float current = new Point2D.Float();
    private int images;

    private PdfRulings(PDPage page) {
        super(page);
        this.top = page.getCropBox().getUpperRightY();
    }

    static PdfRulings of(PDPage page) throws IOException {
        PdfRulings rulings = new PdfRulings(page);
        rulings.processPage(page);
        return rulings;
    }

    List<Segment> segments() {
        return segments;
    }

    int images() {
        return images;
    }

    @Override
    public void appendRectangle(Point2D p0, Point2D p1, Point2D p2, Point2D p3) {
        line(p0, p1);
        line(p1, p2);
        line(p2, p3);
        line(p3, p0);
    }

    @Override
    public void moveTo(float x, float y) {
        current.setLocation(x, y);
    }

    @Override
    public void lineTo(float x, float y) {
        line(current, new Point2D.Float(x, y));
        current.setLocation(x, y);
    }

    @Override
    public void curveTo(float x1, float y1, float x2, float y2, float x3, float y3) {
        current.setLocation(x3, y3);
    }

    @Override
    public Point2D getCurrentPoint() {
        return current;
    }

    @Override
    public void closePath() {
        // a closing edge of a drawn cell is drawn again by its neighbour or its rectangle
    }

    @Override
    public void endPath() {
        path.clear();
    }

    @Override
    public void strokePath() {
        keep();
    }

    @Override
    public void fillPath(int windingRule) {
        keep();
    }

    @Override
    public void fillAndStrokePath(int windingRule) {
        keep();
    }

    @Override
    public void clip(int windingRule) {
        // clipping draws nothing; the path is dropped by the endPath that follows
    }

    @Override
    public void shadingFill(COSName shadingName) {
        // a shaded area is no ruling
    }

    @Override
    public void drawImage(PDImage image) {
        images++;
    }

    private void line(Point2D from, Point2D to) {
        path.add(new float[] {(float) from.getX(), (float) from.getY(), (float) to.getX(), (float) to.getY()});
    }

    /** The painted path's edges that are horizontal or vertical; a filled thin rectangle is one line. */
    private void keep() {
        for (float[] edge : path) {
            float x1 = Math.min(edge[0], edge[2]);
            float x2 = Math.max(edge[0], edge[2]);
            float y1 = top - Math.max(edge[1], edge[3]);
            float y2 = top - Math.min(edge[1], edge[3]);
            if (y2 - y1 <= THIN && x2 - x1 >= SHORTEST) {
                float y = (y1 + y2) / 2;
                segments.add(new Segment(x1, y, x2, y));
            } else if (x2 - x1 <= THIN && y2 - y1 >= SHORTEST) {
                float x = (x1 + x2) / 2;
                segments.add(new Segment(x, y1, x, y2));
            }
        }
        path.clear();
    }
}
