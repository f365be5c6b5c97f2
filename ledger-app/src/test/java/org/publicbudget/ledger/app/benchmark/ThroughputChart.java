package org.publicbudget.ledger.app.benchmark;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.function.ToDoubleFunction;
import javax.imageio.ImageIO;

/**
 * Two panels, drawn with the JDK alone: throughput and p99 latency by number of
 * clients, for commands and for the machine's limit (insert + commit). Log scale for
 * throughput, where the two lie far apart.
 */
final class ThroughputChart {

    private static final int WIDTH = 900;
    private static final int HEIGHT = 380;
    private static final int[] CLIENTS = {1, 8, 32};
    private static final Color COMMANDS = new Color(11, 92, 173);
    private static final Color LIMIT = new Color(179, 38, 30);

    private ThroughputChart() {
    }

    static void write(List<ThroughputBenchmark.Run> runs, Path file) throws IOException {
        BufferedImage image = new BufferedImage(WIDTH, HEIGHT, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, WIDTH, HEIGHT);
        List<ThroughputBenchmark.Run> commands = runs.stream().filter(r -> r.what().startsWith("command")).toList();
        List<ThroughputBenchmark.Run> limit = runs.stream().filter(r -> r.what().startsWith("limit: insert")).toList();
        panel(g, 0, "operations per second (log scale)", commands, limit, r -> Math.log10(Math.max(1, r.perSecond())), true);
        panel(g, WIDTH / 2, "p99 latency, ms", commands, limit, ThroughputBenchmark.Run::p99Ms, false);
        g.setColor(COMMANDS);
        g.drawString("■ commands over HTTP (allocation revisions)", 60, HEIGHT - 12);
        g.setColor(LIMIT);
        g.drawString("■ machine's limit: single-row insert + commit, plain JDBC", 400, HEIGHT - 12);
        g.dispose();
        ImageIO.write(image, "png", file.toFile());
    }

    private static void panel(Graphics2D g, int x0, String title, List<ThroughputBenchmark.Run> commands,
            List<ThroughputBenchmark.Run> limit, ToDoubleFunction<ThroughputBenchmark.Run> value, boolean logScale) {
        int left = x0 + 60;
        int right = x0 + WIDTH / 2 - 20;
        int top = 40;
        int bottom = HEIGHT - 60;
        double max = 0;
        for (ThroughputBenchmark.Run run : commands) {
            max = Math.max(max, value.applyAsDouble(run));
        }
        for (ThroughputBenchmark.Run run : limit) {
            max = Math.max(max, value.applyAsDouble(run));
        }
        max = max <= 0 ? 1 : max * 1.1;
        g.setColor(Color.DARK_GRAY);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 13));
        g.drawString(title, left, top - 15);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
        g.drawLine(left, bottom, right, bottom);
        g.drawLine(left, top, left, bottom);
        for (int i = 0; i <= 4; i++) {
            double v = max * i / 4;
            int y = bottom - (int) ((bottom - top) * i / 4.0);
            g.setColor(new Color(230, 230, 230));
            g.drawLine(left + 1, y, right, y);
            g.setColor(Color.DARK_GRAY);
            g.drawString(logScale ? String.format("%,.0f", Math.pow(10, v)) : String.format("%.0f", v), x0 + 5, y + 4);
        }
        for (int i = 0; i < CLIENTS.length; i++) {
            g.drawString(CLIENTS[i] + (i == 0 ? " client" : " clients"), xOf(i, left, right) - 18, bottom + 18);
        }
        series(g, commands, value, max, left, right, top, bottom, COMMANDS);
        series(g, limit, value, max, left, right, top, bottom, LIMIT);
    }

    private static void series(Graphics2D g, List<ThroughputBenchmark.Run> runs, ToDoubleFunction<ThroughputBenchmark.Run> value,
            double max, int left, int right, int top, int bottom, Color color) {
        g.setColor(color);
        g.setStroke(new BasicStroke(2));
        int previousX = -1;
        int previousY = -1;
        for (ThroughputBenchmark.Run run : runs) {
            int i = indexOf(run.clients());
            int x = xOf(i, left, right);
            int y = bottom - (int) ((bottom - top) * value.applyAsDouble(run) / max);
            g.fillOval(x - 4, y - 4, 8, 8);
            if (previousX >= 0) {
                g.drawLine(previousX, previousY, x, y);
            }
            previousX = x;
            previousY = y;
        }
        g.setStroke(new BasicStroke(1));
    }

    private static int indexOf(int clients) {
        for (int i = 0; i < CLIENTS.length; i++) {
            if (CLIENTS[i] == clients) {
                return i;
            }
        }
        throw new IllegalArgumentException("no column for " + clients + " clients");
    }

    private static int xOf(int index, int left, int right) {
        return left + 40 + (right - left - 80) * index / (CLIENTS.length - 1);
    }
}
