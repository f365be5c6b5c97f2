package org.publicbudget.ledger.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.publicbudget.ledger.app.importer.Seed;
import org.publicbudget.ledger.app.support.EmbeddedLedger;

/** The packaged jar's command line as an operator pipes it: JSON alone on stdout, and a running ledger's database told in one line. */
class CommandLineIT {

    @Test
    void theReportOnStdoutIsJsonAndNothingElse(@TempDir Path directory) throws Exception {
        Path document = Files.writeString(directory.resolve(Seed.NAME), Seed.text());

        EmbeddedLedger.Command dryRun = EmbeddedLedger.command(directory, "import", "--file=" + document, "--fiscal-year=2025", "--dry-run");

        assertThat(dryRun.exit()).as(dryRun.err()).isZero();
        JsonNode report = new ObjectMapper().readTree(dryRun.out());
        assertThat(report.get("projects").asInt()).isEqualTo(60);
        assertThat(report.get("dryRun").asBoolean()).isTrue();
    }

    @Test
    void aCommandOnTheDatabaseOfARunningLedgerSaysSoInOneLine(@TempDir Path directory) throws Exception {
        try (EmbeddedLedger ledger = EmbeddedLedger.start(directory)) {
            EmbeddedLedger.Command processors = ledger.command("processors");

            assertThat(processors.exit()).as(processors.err()).isEqualTo(LedgerCommands.DATABASE_HELD);
            assertThat(processors.out()).isEmpty();
            assertThat(processors.err().strip()).startsWith("The embedded database is in use by a running ledger").doesNotContain("\n");
        }
    }
}
