package org.publicbudget.ledger.app.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.stream.Stream;
import org.publicbudget.ledger.app.imports.DocumentFormat;
import org.publicbudget.ledger.app.imports.DocumentImporter;
import org.publicbudget.ledger.app.infrastructure.http.ApiProblems;
import org.springframework.context.ConfigurableApplicationContext;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code import --file=DOC.pdf --fiscal-year=2025}: the same import, and the same JSON
 * report, as {@code POST /api/v1/imports}. With {@code --dir} (or several {@code --file})
 * a district's documents at once: each in its own transaction, in name order, a refused
 * one not stopping the others, one JSON object with every report and a summary.
 */
@Command(name = "import", mixinStandardHelpOptions = true,
        description = "Imports budget documents (项目支出绩效目标表 as PDF, XLSX workbook or extracted UTF-8 text, told apart by their "
                + "content) and prints the import report as JSON. Importing one again appends nothing; a revised edition appends its "
                + "differences.")
final class ImportCommand extends LedgerTask {

    /** What --dir takes: the formats the ledger reads. */
    private static final List<String> DOCUMENTS = List.of(".pdf", ".xlsx", ".txt");

    @Option(names = "--file", paramLabel = "DOC", description = "A document: .pdf, .xlsx or .txt (UTF-8). May be given more than once.")
    List<Path> files = new ArrayList<>();

    @Option(names = "--dir", paramLabel = "DIR", description = "Every .pdf, .xlsx and .txt in this folder, in name order.")
    Path dir;

    @Option(names = "--fiscal-year", required = true, paramLabel = "YEAR", description = "The fiscal year they budget (the tables do not print it).")
    int fiscalYear;

    @Option(names = "--dry-run", description = "Check and report, then roll back: nothing is recorded.")
    boolean dryRun;

    @Option(names = "--detail", description = "List every project and indicator in the report.")
    boolean detail;

    @Option(names = "--document-name", paramLabel = "NAME", description = "With one --file: the name recorded with every event "
            + "(default: the file's name).")
    String documentName;

    private final List<Document> documents = new ArrayList<>();

    /** A document read before anything starts: a wrong path is told at once. */
    private record Document(String name, byte[] content, DocumentFormat format) {
    }

    /** One document's import: its report, or why it was refused. */
    private interface Importer {
        JsonNode importOne(Document document) throws Exception;
    }

    @Override
    int run(ConfigurableApplicationContext app, PrintWriter results) throws Exception {
        DocumentImporter importer = app.getBean(DocumentImporter.class);
        ObjectMapper json = app.getBean(ObjectMapper.class);
        return importAll(results, document -> {
            try {
                return json.valueToTree(importer.importDocument(new DocumentImporter.Request(document.content(), document.format(),
                        document.name(), fiscalYear, dryRun, detail, "cli:" + System.getProperty("user.name"), "cli-" + UUID.randomUUID())));
            } catch (RuntimeException e) {
                // refused as the API would refuse it (not a budget table, unreadable, a budget rule): the others go on
                int status = ApiProblems.refusal(e).orElseThrow(() -> e).getStatusCode().value();
                throw new Refusal(status, e.getMessage());
            }
        });
    }

    @Override
    int remote(LedgerClient ledger, PrintWriter results) throws Exception {
        return importAll(results, document -> {
            String path = "/api/v1/imports?fiscalYear=" + fiscalYear + "&documentName=" + URLEncoder.encode(document.name(),
                    StandardCharsets.UTF_8) + "&dryRun=" + dryRun + "&detail=" + detail;
            String type = document.format() == DocumentFormat.TEXT ? "text/plain; charset=UTF-8" : document.format().mediaType();
            try {
                return ledger.post(path, document.content(), type).body();
            } catch (LedgerClient.Refused e) {
                if (e.status >= 400 && e.status < 500 && e.status != 401 && e.status != 403) {
                    throw new Refusal(e.status, e.problem.path("detail").asText(e.getMessage()));
                }
                throw e;
            }
        });
    }

    /** A document the ledger refused (not a budget table, unreadable, too large): the others go on. */
    private static final class Refusal extends Exception {
        final int status;

        Refusal(int status, String message) {
            super(message);
            this.status = status;
        }
    }

    private int importAll(PrintWriter results, Importer importer) throws Exception {
        boolean many = dir != null || documents.size() > 1;
        ImportSummary summary = new ImportSummary();
        int done = 0;
        for (Document document : documents) {
            done++;
            String progress = many ? "[" + done + "/" + documents.size() + "] " + document.name() + ": " : "";
            try {
                JsonNode report = importer.importOne(document);
                summary.imported(report);
                if (many) {
                    int appended = report.path("eventsAppended").asInt();
                    spec.commandLine().getErr().println(progress + "imported, " + report.path("projects").asInt() + " projects, "
                            + appended + (appended == 1 ? " event" : " events") + " appended");
                } else {
                    printJson(results, report);
                }
            } catch (Refusal e) {
                summary.refused(document.name(), e.status, e.getMessage());
                String why = e.getMessage();
                // the progress line names the document already
                spec.commandLine().getErr().println(progress + (many && why.startsWith(document.name() + ": ")
                        ? why.substring(document.name().length() + 2) : why));
            }
        }
        if (many) {
            printJson(results, summary.json());
        }
        return summary.anyRefused() ? LedgerCommands.PROBLEM_FOUND : 0;
    }

    /** The documents are read before the application starts: a wrong path is told at once. */
    @Override
    void before() throws IOException {
        List<Path> paths = new ArrayList<>(files);
        if (dir != null) {
            try (Stream<Path> listed = Files.list(dir)) {
                listed.filter(Files::isRegularFile)
                        .filter(path -> DOCUMENTS.stream().anyMatch(path.getFileName().toString().toLowerCase(Locale.ROOT)::endsWith))
                        .sorted().forEach(paths::add);
            } catch (IOException e) {
                throw new IOException("Cannot read the folder " + dir + ": " + e.getMessage(), e);
            }
        }
        if (paths.isEmpty()) {
            throw new IOException(dir == null ? "Give a document with --file or a folder with --dir" : "No .pdf, .xlsx or .txt in " + dir);
        }
        for (Path path : paths) {
            byte[] content;
            try {
                content = Files.readAllBytes(path);
            } catch (IOException e) {
                throw new IOException("Cannot read " + path + ": " + e.getMessage(), e);
            }
            String name = documentName != null && paths.size() == 1 ? documentName : path.getFileName().toString();
            documents.add(new Document(name, content, DocumentFormat.of(content)));
        }
    }
}
