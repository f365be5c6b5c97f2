package org.publicbudget.ledger.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.publicbudget.ledger.app.imports.Seed;

/** The operators' command line for processors: a rebuild with its progress, on the embedded database. */
class OpsCommandTest {

    @TempDir
    Path dir;

    @Test
    void rebuildsTheTotalsWithAProgressBarAndProvesThemUnchanged() throws Exception {
        Path document = Files.writeString(dir.resolve(Seed.NAME), Seed.text());
        String data = "--ledger.data-dir=" + dir.resolve("data");
        assertThat(CommandRun.of("import", "--file=" + document, "--fiscal-year=2025", data).exit()).isZero();

        CommandRun rebuild = CommandRun.of("rebuild", "totals", "--reason=after a fix", data);

        assertThat(rebuild.exit()).as(rebuild.err()).isZero();
        assertThat(rebuild.err()).containsPattern("\\[#{30}\\] 100%  310/310 events  [0-9,]+/s\\s+DONE");
        JsonNode done = rebuild.json();
        assertThat(done.get("state").asText()).isEqualTo("DONE");
        assertThat(done.get("reason").asText()).isEqualTo("after a fix");
        assertThat(done.get("requestedBy").asText()).startsWith("command line");
        assertThat(done.get("proof").get("identicalToBefore").asBoolean()).as(done.toString()).isTrue();
        assertThat(done.get("proof").get("matchesEvents").asBoolean()).isTrue();
        assertThat(done.get("proof").get("projects").asInt()).isEqualTo(60);

        CommandRun processors = CommandRun.of("processors", data);
        assertThat(processors.exit()).isZero();
        JsonNode totals = processors.json().get(0);
        assertThat(totals.get("name").asText()).isEqualTo("totals");
        assertThat(totals.get("activeCopy").asText()).isEqualTo("b");
        assertThat(totals.get("head").asLong()).isEqualTo(310);
    }

    @Test
    void anUnknownProcessorIsNamedAndRefused() {
        CommandRun unknown = CommandRun.of("rebuild", "nonesuch", "--ledger.data-dir=" + dir.resolve("data"));
        assertThat(unknown.exit()).isEqualTo(2);
        assertThat(unknown.err()).contains("No event processor named nonesuch").contains("totals");
    }
}
