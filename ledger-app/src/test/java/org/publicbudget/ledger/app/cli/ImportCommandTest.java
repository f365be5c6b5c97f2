package org.publicbudget.ledger.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.publicbudget.ledger.app.importer.Seed;

/** The operators' command line: the same import, the same report, on the database the app is configured for. */
class ImportCommandTest {

    @TempDir
    Path dir;

    private JsonNode run(String... args) throws Exception {
        PrintStream original = System.out;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        int exit;
        try {
            exit = ImportCommand.run(args);
        } finally {
            System.setOut(original);
        }
        assertThat(exit).isZero();
        String printed = out.toString(StandardCharsets.UTF_8);
        return new ObjectMapper().readTree(printed.substring(printed.indexOf("{\n")));
    }

    @Test
    void importsTheSeedAndThenFindsNothingNewToImport() throws Exception {
        Path document = Files.writeString(dir.resolve(Seed.NAME), Seed.text());
        String[] args = {"import", "--file=" + document, "--fiscal-year=2025", "--ledger.data-dir=" + dir.resolve("data"),
                "--spring.main.banner-mode=off"};

        JsonNode first = run(args);
        assertThat(first.get("projects").asInt()).isEqualTo(60);
        assertThat(first.get("indicators").asInt()).isEqualTo(243);
        assertThat(first.get("eventsAppended").asInt()).isEqualTo(309);
        assertThat(first.get("findings")).hasSize(22);

        JsonNode second = run(args);
        assertThat(second.get("eventsAppended").asInt()).isZero();
        assertThat(second.get("document")).isEqualTo(first.get("document"));
        assertThat(second.get("findings")).isEqualTo(first.get("findings"));
    }

    @Test
    void verificationFromTheCommandLineFindsTheImportIntact() throws Exception {
        Path document = Files.writeString(dir.resolve(Seed.NAME), Seed.text());
        String data = "--ledger.data-dir=" + dir.resolve("data");
        run("import", "--file=" + document, "--fiscal-year=2025", data);
        PrintStream original = System.out;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        int exit;
        try {
            exit = ProofCommand.run(new String[] {"verify", data});
        } finally {
            System.setOut(original);
        }
        String printed = out.toString(StandardCharsets.UTF_8);
        JsonNode report = new ObjectMapper().readTree(printed.substring(printed.indexOf("{\n")));
        assertThat(exit).as(printed).isZero();
        assertThat(report.get("eventsChecked").asLong()).isEqualTo(309);
        assertThat(report.get("chainIntact").asBoolean()).isTrue();
        assertThat(report.get("readModelsMatch").asBoolean()).isTrue();
    }

    @Test
    void refusesAFileThatIsNoBudgetTable() throws Exception {
        Path document = Files.writeString(dir.resolve("notes.txt"), "just some notes\n");
        assertThat(ImportCommand.run(new String[] {"import", "--file=" + document, "--fiscal-year=2025",
                "--ledger.data-dir=" + dir.resolve("data")})).isEqualTo(2);
    }
}
