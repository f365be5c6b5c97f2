package org.publicbudget.ledger.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** What an operator meets before any task runs: help, and mistakes told in one line with their exit code. */
class CommandLineTest {

    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(strings = {"import", "verify", "checkpoint", "processors", "rebuild"})
    void everyCommandHasHelp(String command) {
        CommandRun help = CommandRun.of(command, "--help");

        assertThat(help.exit()).isZero();
        assertThat(help.out()).startsWith("Usage: java -jar ledger-app.jar " + command).contains("--verbose").contains("--ledger=URL");
    }

    @Test
    void theTopLevelHelpListsTheCommandsAndTheExitCodes() {
        CommandRun help = CommandRun.of("--help");

        assertThat(help.exit()).isZero();
        assertThat(help.out()).contains("import", "verify", "checkpoint", "processors", "rebuild", "Exit codes:")
                .contains("4   the embedded database is in use by a running ledger");
    }

    @Test
    void askingARunningLedgerNeedsAnAccountAndNoDatabaseSettings() {
        CommandRun noAccount = CommandRun.of("processors", "--ledger=http://localhost:9", "--user=operator");
        CommandRun settings = CommandRun.of("processors", "--ledger=http://localhost:9", "--user=operator", "--password=x",
                "--spring.datasource.url=jdbc:postgresql://elsewhere/ledger");

        assertThat(noAccount.exit()).isEqualTo(2);
        assertThat(noAccount.err()).startsWith("--ledger needs --user and a password");
        CommandRun inClear = CommandRun.of("processors", "--ledger=http://ledger.example:8080", "--user=operator", "--password=x");
        assertThat(inClear.exit()).isEqualTo(2);
        assertThat(inClear.err()).contains("would send the password in clear").contains("use https://");
        assertThat(settings.exit()).isEqualTo(2);
        assertThat(settings.err()).startsWith("Settings such as --spring.datasource.url=jdbc:postgresql://elsewhere/ledger are for the database");
    }

    @Test
    void aValueOfTheWrongKindIsToldInOneLine() {
        CommandRun wrong = CommandRun.of("import", "--file=x.txt", "--fiscal-year=abc");

        assertThat(wrong.exit()).isEqualTo(2);
        assertThat(wrong.out()).isEmpty();
        assertThat(wrong.err()).contains("--fiscal-year").contains("'abc' is not an int").doesNotContain("Exception").doesNotContain("\tat ");
    }

    @Test
    void aMissingOptionAndAnUnknownArgumentAreNamed() {
        assertThat(CommandRun.of("import", "--file=x.txt").err()).contains("Missing required option: '--fiscal-year=YEAR'");
        CommandRun stray = CommandRun.of("verify", "now");
        assertThat(stray.exit()).isEqualTo(2);
        assertThat(stray.err()).contains("Unknown argument 'now'");
    }

    @Test
    void aFileThatCannotBeReadIsToldBeforeTheLedgerStarts() {
        CommandRun missing = CommandRun.of("import", "--file=" + dir.resolve("absent.txt"), "--fiscal-year=2025",
                "--ledger.data-dir=" + dir.resolve("data"));

        assertThat(missing.exit()).isEqualTo(1);
        assertThat(missing.err().strip()).startsWith("Cannot read ").doesNotContain("\n");
        assertThat(dir.resolve("data")).as("no database was opened").doesNotExist();
    }
}
