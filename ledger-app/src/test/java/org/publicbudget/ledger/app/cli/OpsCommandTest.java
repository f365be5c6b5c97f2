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

/** The operators' command line for processors: a rebuild with its progress, on the embedded database. */
class OpsCommandTest {

    @TempDir
    Path dir;

    private record Run(int exit, String out, String err) {
    }

    private Run run(String... args) {
        PrintStream originalOut = System.out;
        PrintStream originalErr = System.err;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        try {
            int exit = args[0].equals("import") ? ImportCommand.run(args) : OpsCommand.run(args);
            return new Run(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(originalOut);
            System.setErr(originalErr);
        }
    }

    private static JsonNode json(String printed, String opening) throws Exception {
        return new ObjectMapper().readTree(printed.substring(printed.indexOf(opening)));
    }

    @Test
    void rebuildsTheTotalsWithAProgressBarAndProvesThemUnchanged() throws Exception {
        Path document = Files.writeString(dir.resolve(Seed.NAME), Seed.text());
        String data = "--ledger.data-dir=" + dir.resolve("data");
        assertThat(run("import", "--file=" + document, "--fiscal-year=2025", data).exit()).isZero();

        Run rebuild = run("rebuild", "totals", "--reason=after a fix", data);

        assertThat(rebuild.exit()).as(rebuild.err()).isZero();
        assertThat(rebuild.err()).containsPattern("\\[#{30}\\] 100%  309/309 events  [0-9,]+/s\\s+DONE");
        JsonNode done = json(rebuild.out(), "{\n");
        assertThat(done.get("state").asText()).isEqualTo("DONE");
        assertThat(done.get("reason").asText()).isEqualTo("after a fix");
        assertThat(done.get("requestedBy").asText()).startsWith("command line");
        assertThat(done.get("proof").get("identicalToBefore").asBoolean()).as(done.toString()).isTrue();
        assertThat(done.get("proof").get("matchesEvents").asBoolean()).isTrue();
        assertThat(done.get("proof").get("projects").asInt()).isEqualTo(60);

        Run processors = run("processors", data);
        assertThat(processors.exit()).isZero();
        JsonNode totals = json(processors.out(), "[ {").get(0);
        assertThat(totals.get("name").asText()).isEqualTo("totals");
        assertThat(totals.get("activeCopy").asText()).isEqualTo("b");
        assertThat(totals.get("head").asLong()).isEqualTo(309);
    }

    @Test
    void anUnknownProcessorIsNamedAndRefused() {
        Run unknown = run("rebuild", "nonesuch", "--ledger.data-dir=" + dir.resolve("data"));
        assertThat(unknown.exit()).isEqualTo(2);
        assertThat(unknown.err()).contains("no event processor named nonesuch").contains("totals");
    }
}
