package org.publicbudget.ledger.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.publicbudget.ledger.app.imports.Seed;
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

    @Test
    void withItsAddressTheCommandsAskTheRunningLedger(@TempDir Path directory) throws Exception {
        try (EmbeddedLedger ledger = EmbeddedLedger.start(directory)) {
            String at = "--ledger=http://localhost:" + ledger.port();
            Path document = Files.writeString(directory.resolve("again.txt"), Seed.text());

            long started = System.nanoTime();
            EmbeddedLedger.Command processors = ledger.command("processors", at, "--user=operator", "--password=demo");
            System.out.printf("processors over the API: %d ms from java -jar to exit%n", (System.nanoTime() - started) / 1_000_000);
            assertThat(processors.exit()).as(processors.err()).isZero();
            JsonNode totals = new ObjectMapper().readTree(processors.out()).get(0);
            assertThat(totals.get("name").asText()).isEqualTo("totals");
            assertThat(totals.get("head").asLong()).isEqualTo(310);

            EmbeddedLedger.Command imported = ledger.command("import", at, "--user=finance", "--password=demo", "--file=" + document,
                    "--fiscal-year=2025", "--dry-run");
            assertThat(imported.exit()).as(imported.err()).isZero();
            JsonNode report = new ObjectMapper().readTree(imported.out());
            assertThat(report.get("dryRun").asBoolean()).isTrue();
            assertThat(report.get("eventsAppended").asInt()).as("the same text under another name changes nothing").isZero();

            EmbeddedLedger.Command rebuilt = ledger.command("rebuild", "totals", at, "--user=operator", "--password=demo");
            assertThat(rebuilt.exit()).as(rebuilt.err()).isZero();
            assertThat(new ObjectMapper().readTree(rebuilt.out()).get("state").asText()).isEqualTo("DONE");
            assertThat(rebuilt.err()).contains("310/310 events");

            EmbeddedLedger.Command verified = ledger.command("verify", at, "--user=operator", "--password=demo");
            assertThat(verified.exit()).as(verified.err()).isZero();
            JsonNode verification = new ObjectMapper().readTree(verified.out());
            assertThat(verification.get("chainIntact").asBoolean()).isTrue();
            assertThat(verification.get("readModelsMatch").asBoolean()).isTrue();

            EmbeddedLedger.Command refused = ledger.command("processors", at, "--user=operator", "--password=wrong");
            assertThat(refused.exit()).isEqualTo(LedgerCommands.FAILED);
            assertThat(refused.out()).isEmpty();
            assertThat(refused.err().strip()).isEqualTo("The ledger answered 401: wrong user or password");

            EmbeddedLedger.Command notAllowed = ledger.command("processors", at, "--user=finance", "--password=demo");
            assertThat(notAllowed.exit()).isEqualTo(LedgerCommands.FAILED);
            assertThat(notAllowed.err().strip()).startsWith("The ledger answered 403: this user may not do that").doesNotContain("\n");
        }
        EmbeddedLedger.Command nobody = EmbeddedLedger.command(directory, "processors", "--ledger=http://localhost:9", "--user=operator",
                "--password=demo");
        assertThat(nobody.exit()).isEqualTo(LedgerCommands.FAILED);
        assertThat(nobody.err().strip()).isEqualTo("No ledger answers at http://localhost:9 (is it running, and is that its address?)");
    }
}
