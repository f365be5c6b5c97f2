package org.publicbudget.ledger.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.publicbudget.ledger.app.imports.Seed;
import org.publicbudget.ledger.app.support.Budget;
import org.publicbudget.ledger.app.support.BudgetPdf;
import org.publicbudget.ledger.app.support.BudgetWorkbook;

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
    void importsAFolderOfMixedFormatsPastABrokenFile() throws Exception {
        Path folder = Files.createDirectory(dir.resolve("district"));
        Files.writeString(folder.resolve("a-" + Seed.NAME), Seed.text());
        byte[] pdf = BudgetPdf.of(Budget.synthetic("广州市荔湾区文件夹测试一街道办事处", 12), Set.of());
        Files.write(folder.resolve("b.pdf"), pdf);
        Files.write(folder.resolve("c-broken.pdf"), Arrays.copyOf(pdf, pdf.length / 3));
        Files.write(folder.resolve("d.XLSX"), BudgetWorkbook.byIndicator(Budget.synthetic("广州市荔湾区文件夹测试二街道办事处", 7)));
        Files.writeString(folder.resolve("notes.md"), "not a budget document: --dir passes it by");

        CommandRun run = CommandRun.of("import", "--dir=" + folder, "--fiscal-year=2025", "--ledger.data-dir=" + dir.resolve("data"));

        assertThat(run.exit()).as(run.err()).isEqualTo(LedgerCommands.PROBLEM_FOUND);
        assertThat(run.err()).contains("[1/4] a-" + Seed.NAME + ": imported, 60 projects", "[3/4] c-broken.pdf: the PDF is damaged", "[4/4] d.XLSX: imported, 7 projects");
        JsonNode all = run.json();
        assertThat(all.get("documents")).extracting(d -> d.path("document").path("name").asText())
                .containsExactly("a-" + Seed.NAME, "b.pdf", "c-broken.pdf", "d.XLSX");
        JsonNode broken = all.get("documents").get(2).get("refused");
        assertThat(broken.get("status").asInt()).isEqualTo(422);
        assertThat(broken.get("detail").asText()).contains("c-broken.pdf");
        JsonNode summary = all.get("summary");
        assertThat(summary.get("documents").asInt()).isEqualTo(4);
        assertThat(summary.get("imported").asInt()).isEqualTo(3);
        assertThat(summary.get("refused").asInt()).isEqualTo(1);
        assertThat(summary.get("projects").asInt()).isEqualTo(60 + 12 + 7);
        int appended = 0;
        for (JsonNode report : all.get("documents")) {
            appended += report.path("eventsAppended").asInt();
        }
        assertThat(appended).isGreaterThan(310);
        assertThat(summary.get("eventsAppended").asInt()).isEqualTo(appended);
        assertThat(summary.get("findingsByKind").get("PAGE_REPEAT").asInt()).isEqualTo(6);
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
