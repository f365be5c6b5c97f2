package org.publicbudget.ledger.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.publicbudget.ledger.app.imports.Seed;

/** The operators' command line: the same import, the same report, on the database the app is configured for. */
class ImportCommandTest {

    @TempDir
    Path dir;

    private static JsonNode run(String... args) throws Exception {
        CommandRun run = CommandRun.of(args);
        assertThat(run.exit()).as(run.err()).isZero();
        return run.json();
    }

    @Test
    void importsTheSeedAndThenFindsNothingNewToImport() throws Exception {
        Path document = Files.writeString(dir.resolve(Seed.NAME), Seed.text());
        String[] args = {"import", "--file=" + document, "--fiscal-year=2025", "--ledger.data-dir=" + dir.resolve("data"),
        };

        JsonNode first = run(args);
        assertThat(first.get("projects").asInt()).isEqualTo(60);
        assertThat(first.get("indicators").asInt()).isEqualTo(243);
        assertThat(first.get("eventsAppended").asInt()).isEqualTo(310);
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
        CommandRun verify = CommandRun.of("verify", data);
        assertThat(verify.exit()).as(verify.err()).isZero();
        JsonNode report = verify.json();
        assertThat(report.get("eventsChecked").asLong()).isEqualTo(310);
        assertThat(report.get("chainIntact").asBoolean()).isTrue();
        assertThat(report.get("readModelsMatch").asBoolean()).isTrue();
    }

    @Test
    void refusesAFileThatIsNoBudgetTable() throws Exception {
        Path document = Files.writeString(dir.resolve("notes.txt"), "just some notes\n");
        CommandRun refused = CommandRun.of("import", "--file=" + document, "--fiscal-year=2025", "--ledger.data-dir=" + dir.resolve("data"));
        assertThat(refused.exit()).isEqualTo(LedgerCommands.PROBLEM_FOUND);
        assertThat(refused.out()).isEmpty();
        assertThat(refused.err().strip()).as("no stack trace").endsWith("is not a 项目支出绩效目标表: no 部门名称, no 合计 and no rows of amounts "
                + "were found; nothing was imported").doesNotContain("\tat ");
    }
}
