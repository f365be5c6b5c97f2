package org.publicbudget.ledger.app.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import org.publicbudget.ledger.app.imports.DocumentImporter;
import org.publicbudget.ledger.app.imports.ImportReport;
import org.publicbudget.ledger.app.imports.NotABudgetTable;
import org.springframework.context.ConfigurableApplicationContext;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code import --file=DOC.txt --fiscal-year=2025}: the same import, and the same JSON report, as {@code POST /api/v1/imports}. */
@Command(name = "import", mixinStandardHelpOptions = true,
        description = "Imports a budget document (the text extracted from a 项目支出绩效目标表) and prints the import report as JSON. "
                + "Importing it again appends nothing; a revised edition appends its differences.")
final class ImportCommand extends LedgerTask {

    @Option(names = "--file", required = true, paramLabel = "DOC.txt", description = "The document's extracted text, UTF-8.")
    Path file;

    @Option(names = "--fiscal-year", required = true, paramLabel = "YEAR", description = "The fiscal year it budgets (the text does not print it).")
    int fiscalYear;

    @Option(names = "--dry-run", description = "Check and report, then roll back: nothing is recorded.")
    boolean dryRun;

    @Option(names = "--detail", description = "List every project and indicator in the report.")
    boolean detail;

    @Option(names = "--document-name", paramLabel = "NAME", description = "The name recorded with every event (default: the file's name).")
    String documentName;

    private String text;

    @Override
    int run(ConfigurableApplicationContext app, PrintWriter results) throws Exception {
        try {
            ImportReport report = app.getBean(DocumentImporter.class).importDocument(new DocumentImporter.Request(text, name(), fiscalYear,
                    dryRun, detail, "cli:" + System.getProperty("user.name"), "cli-" + UUID.randomUUID()));
            printJson(app, results, report);
            return 0;
        } catch (NotABudgetTable e) {
            spec.commandLine().getErr().println(e.getMessage());
            return LedgerCommands.PROBLEM_FOUND;
        }
    }

    @Override
    int remote(LedgerClient ledger, PrintWriter results) throws Exception {
        String path = "/api/v1/imports?fiscalYear=" + fiscalYear + "&documentName=" + URLEncoder.encode(name(), StandardCharsets.UTF_8)
                + "&dryRun=" + dryRun + "&detail=" + detail;
        try {
            printJson(results, ledger.post(path, text, "text/plain; charset=UTF-8").body());
            return 0;
        } catch (LedgerClient.Refused e) {
            if (e.status == 422 && e.problem.path("field").asText().equals("document")) {
                spec.commandLine().getErr().println(e.problem.path("detail").asText());
                return LedgerCommands.PROBLEM_FOUND;
            }
            throw e;
        }
    }

    private String name() {
        return documentName != null ? documentName : file.getFileName().toString();
    }

    /** The file is read before the application starts: a wrong path is told at once. */
    @Override
    void before() throws IOException {
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IOException("Cannot read " + file + ": " + e.getMessage(), e);
        }
    }
}
