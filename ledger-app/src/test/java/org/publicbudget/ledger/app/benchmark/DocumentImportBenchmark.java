package org.publicbudget.ledger.app.benchmark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.publicbudget.ledger.app.support.TestDeployment.WRITER;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.graphics.image.LosslessFactory;
import org.apache.pdfbox.pdmodel.graphics.image.PDImageXObject;
import org.junit.jupiter.api.Test;
import org.publicbudget.ledger.app.imports.DocumentFormat;
import org.publicbudget.ledger.app.support.Api;
import org.publicbudget.ledger.app.support.Budget;
import org.publicbudget.ledger.app.support.BudgetPdf;
import org.publicbudget.ledger.app.support.BudgetWorkbook;
import org.publicbudget.ledger.app.support.LedgerProcess;
import org.publicbudget.ledger.app.support.TestPostgres;

/**
 * Budget documents into the packaged jar over HTTP, as an operator's import sends them,
 * each timed from the first byte sent to the report received, with the node's heap
 * sampled every 50 ms from its own metrics (a separate JVM, capped at {@value #HEAP}):
 * a 60-project PDF, a 1,000-project workbook in each layout, a 20 MB PDF (its pages
 * carry scanned seals, as published ones do) and a district's folder of 100 documents.
 *
 * <pre>./mvnw -pl ledger-app -am -Pbenchmark verify -Dtest=DocumentImportBenchmark</pre>
 */
class DocumentImportBenchmark {

    private static final String HEAP = "-Xmx256m";
    private static final Pattern HEAP_USED = Pattern.compile("(?m)^jvm_memory_used_bytes\\{area=\"heap\"[^}]*} ([0-9.E+]+)$");

    /** One document's import: what, its size, how long, the most heap the node used meanwhile, and what it appended. */
    record Run(String what, long bytes, long millis, long peakHeapMb, int projects, int eventsAppended) {
    }

    @Test
    void documentsEndToEnd() throws Exception {
        LedgerProcess node = new LedgerProcess(TestPostgres.freshSchema(), "document-import").heap(HEAP).start();
        List<Run> runs = new ArrayList<>();
        try {
            Api api = node.api();
            int year = 2030;
            runs.add(send(api, "60-project PDF", BudgetPdf.of(Budget.synthetic("性能测试一街道办事处", 60), Set.of()), DocumentFormat.PDF, year++));
            Budget thousand = Budget.synthetic("性能测试二街道办事处", 1_000);
            runs.add(send(api, "1,000-project workbook, a row per project", BudgetWorkbook.byProject(thousand), DocumentFormat.WORKBOOK, year++));
            runs.add(send(api, "1,000-project workbook, a row per indicator", BudgetWorkbook.byIndicator(thousand), DocumentFormat.WORKBOOK,
                    year++));
            byte[] large = withSeals(BudgetPdf.of(Budget.synthetic("性能测试三街道办事处", 200), Set.of()), 19 * 1024 * 1024);
            runs.add(send(api, "20 MB PDF (200 projects, a scanned seal per page)", large, DocumentFormat.PDF, year++));

            List<Run> folder = new ArrayList<>();
            for (int d = 0; d < 100; d++) {
                Budget budget = Budget.synthetic("性能测试第" + (d + 1) + "街道办事处", 20 + d % 40);
                byte[] bytes = switch (d % 3) {
                    case 0 -> BudgetPdf.of(budget, Set.of());
                    case 1 -> BudgetWorkbook.byProject(budget);
                    default -> BudgetWorkbook.byIndicator(budget);
                };
                folder.add(send(api, "folder document " + (d + 1), bytes, d % 3 == 0 ? DocumentFormat.PDF : DocumentFormat.WORKBOOK, 2040));
            }
            long[] millis = folder.stream().mapToLong(Run::millis).sorted().toArray();
            long total = folder.stream().mapToLong(Run::millis).sum();
            System.out.printf("%n| what | bytes | ms | peak heap MB | projects | events appended |%n|---|--:|--:|--:|--:|--:|%n");
            for (Run run : runs) {
                System.out.printf("| %s | %,d | %,d | %d | %,d | %,d |%n", run.what(), run.bytes(), run.millis(), run.peakHeapMb(), run.projects(),
                        run.eventsAppended());
            }
            System.out.printf("| folder of 100 (34 PDF, 66 workbooks; 20–59 projects each): total | %,d | %,d | %d | %,d | %,d |%n",
                    folder.stream().mapToLong(Run::bytes).sum(), total, folder.stream().mapToLong(Run::peakHeapMb).max().orElse(0),
                    folder.stream().mapToInt(Run::projects).sum(), folder.stream().mapToInt(Run::eventsAppended).sum());
            System.out.printf("| folder, per document: median / p90 / max ms | | %d / %d / %d | | | |%n", millis[49], millis[89], millis[99]);
            System.out.printf("(node heap capped at %s; heap sampled every 50 ms from /actuator/prometheus)%n", HEAP);
        } finally {
            node.stop();
        }
    }

    private static Run send(Api api, String what, byte[] document, DocumentFormat format, int fiscalYear) {
        AtomicBoolean sending = new AtomicBoolean(true);
        AtomicLong peak = new AtomicLong();
        Thread sampler = new Thread(() -> {
            while (sending.get()) {
                peak.accumulateAndGet(heapUsed(api), Math::max);
                try {
                    Thread.sleep(50);
                } catch (InterruptedException e) {
                    return;
                }
            }
        });
        sampler.start();
        long start = System.nanoTime();
        Api.Response report = api.postBytes(WRITER, "/api/v1/imports?fiscalYear=" + fiscalYear + "&documentName="
                + URLEncoder.encode(what, StandardCharsets.UTF_8), document, format.mediaType());
        long millis = (System.nanoTime() - start) / 1_000_000;
        sending.set(false);
        try {
            sampler.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        assertThat(report.status()).as(what + ": " + report.body()).isEqualTo(200);
        return new Run(what, document.length, millis, peak.get() / 1024 / 1024, report.body().get("projects").asInt(),
                report.body().get("eventsAppended").asInt());
    }

    private static long heapUsed(Api api) {
        Matcher used = HEAP_USED.matcher(api.get("ops", "/actuator/prometheus").body().asText());
        long sum = 0;
        while (used.find()) {
            sum += (long) Double.parseDouble(used.group(1));
        }
        return sum;
    }

    /** {@code pdf} with an incompressible image on every page, as big as it takes to reach {@code size} bytes. */
    private static byte[] withSeals(byte[] pdf, int size) throws IOException {
        try (PDDocument document = Loader.loadPDF(pdf)) {
            int perPage = (size - pdf.length) / document.getNumberOfPages();
            int side = (int) Math.sqrt(perPage / 3.0);
            Random noise = new Random(7);
            for (PDPage page : document.getPages()) {
                BufferedImage seal = new BufferedImage(side, side, BufferedImage.TYPE_INT_RGB);
                for (int x = 0; x < side; x++) {
                    for (int y = 0; y < side; y++) {
                        seal.setRGB(x, y, noise.nextInt(0x1000000));
                    }
                }
                PDImageXObject image = LosslessFactory.createFromImage(document, seal);
                try (PDPageContentStream content = new PDPageContentStream(document, page, PDPageContentStream.AppendMode.APPEND, true)) {
                    content.drawImage(image, 700, 20, 60, 60);
                }
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            document.save(out);
            return out.toByteArray();
        }
    }
}
