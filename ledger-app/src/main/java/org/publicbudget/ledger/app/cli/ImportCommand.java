package org.publicbudget.ledger.app.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.publicbudget.ledger.app.LedgerApplication;
import org.publicbudget.ledger.app.importer.DocumentImporter;
import org.publicbudget.ledger.app.importer.ImportReport;
import org.publicbudget.ledger.app.importer.NotABudgetTable;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * {@code java -jar ledger-app.jar import --file=DOC.txt --fiscal-year=2025 [--dry-run] [--detail] [--document-name=NAME]}
 * imports a document into the database the app is configured for and prints the
 * same JSON report as {@code POST /api/v1/imports}. Exit code 0 on success, 2 when
 * the file is not a budget table, 1 on any other failure. Other {@code --key=value}
 * arguments go to Spring (e.g. {@code --spring.datasource.url=…}).
 */
public final class ImportCommand {

    private ImportCommand() {
    }

    public static int run(String[] args) {
        String file = null;
        String documentName = null;
        Integer fiscalYear = null;
        boolean dryRun = false;
        boolean detail = false;
        List<String> springArgs = new ArrayList<>();
        for (String arg : args) {
            if (arg.startsWith("--file=")) {
                file = arg.substring("--file=".length());
            } else if (arg.startsWith("--document-name=")) {
                documentName = arg.substring("--document-name=".length());
            } else if (arg.startsWith("--fiscal-year=")) {
                fiscalYear = Integer.valueOf(arg.substring("--fiscal-year=".length()));
            } else if (arg.equals("--dry-run")) {
                dryRun = true;
            } else if (arg.equals("--detail")) {
                detail = true;
            } else if (!arg.equals("import")) {
                springArgs.add(arg);
            }
        }
        if (file == null || fiscalYear == null) {
            System.err.println("usage: java -jar ledger-app.jar import --file=DOC.txt --fiscal-year=2025 [--dry-run] [--detail] [--document-name=NAME]");
            return 1;
        }
        String text;
        try {
            text = Files.readString(Path.of(file), StandardCharsets.UTF_8);
        } catch (IOException e) {
            System.err.println("cannot read " + file + ": " + e.getMessage());
            return 1;
        }
        springArgs.add("--ledger.seed.enabled=false");
        try (ConfigurableApplicationContext app = new SpringApplicationBuilder(LedgerApplication.class)
                .web(WebApplicationType.NONE).run(springArgs.toArray(String[]::new))) {
            String name = documentName != null ? documentName : Path.of(file).getFileName().toString();
            ImportReport report = app.getBean(DocumentImporter.class).importDocument(new DocumentImporter.Request(text, name,
                    fiscalYear, dryRun, detail, "cli:" + System.getProperty("user.name"), "cli-" + UUID.randomUUID()));
            System.out.println(app.getBean(ObjectMapper.class).writerWithDefaultPrettyPrinter().writeValueAsString(report));
            return 0;
        } catch (NotABudgetTable e) {
            System.err.println(e.getMessage());
            return 2;
        } catch (IOException e) {
            System.err.println(e.getMessage());
            return 1;
        }
    }
}
