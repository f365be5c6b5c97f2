package org.publicbudget.ledger.app.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.publicbudget.ledger.app.support.EmbeddedLedger;

/**
 * The README's curl tour, pasted as a newcomer would: the packaged jar started as the
 * README's first command starts it (embedded database, bundled seed, demo accounts),
 * then the tour's commands run top to bottom by bash. Every JSON fragment the tour's
 * {@code # →} comments promise must appear in what the commands print.
 */
class ReadmeTourIT {

    private static final Path README = Path.of("..", "README.md");
    private static final Pattern PROMISED = Pattern.compile("\"(\\w+)\":(\"[^\"…]*\"|-?\\d+|true|false)");

    @Test
    void theTourRunsTopToBottomOnTheSeededLedger(@TempDir Path workingDirectory) throws Exception {
        String tour = tour();
        try (EmbeddedLedger ledger = EmbeddedLedger.start(workingDirectory)) {
            String script = tour.replace("L=localhost:8080", "L=localhost:" + ledger.port());
            assertThat(script).as("the tour names its address once, in L").isNotEqualTo(tour);
            Process bash = new ProcessBuilder("bash", "-euo", "pipefail", "-c", script).redirectErrorStream(true).start();
            String printed = new String(bash.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(bash.waitFor(2, TimeUnit.MINUTES)).isTrue();
            assertThat(bash.exitValue()).as(printed).isZero();

            assertThat(printed.lines().findFirst().orElse("")).as("the new project's id").matches("[0-9a-f-]{36}");
            List<String> promises = promises(tour);
            assertThat(promises).as("what the tour's comments promise").contains("\"finalValue\":\"63.75\"", "\"field\":\"amount\"");
            assertThat(printed).as(printed).contains(promises);
        }
    }

    /** The tour's code: the indented lines of its section of the README. */
    private static String tour() throws IOException {
        String readme = Files.readString(README);
        int start = readme.indexOf("## A tour with curl");
        int end = readme.indexOf("\n## ", start + 1);
        assertThat(start).as("the README has its tour").isNotNegative();
        StringBuilder code = new StringBuilder();
        for (String line : readme.substring(start, end).split("\n")) {
            if (line.startsWith("    ")) {
                code.append(line.substring(4)).append('\n');
            } else if (line.isBlank()) {
                code.append('\n');
            }
        }
        return code.toString();
    }

    /** Each {@code "name":value} the tour's {@code # →} comments show, values elided with … left out. */
    private static List<String> promises(String tour) {
        List<String> promises = new ArrayList<>();
        for (String line : tour.split("\n")) {
            if (line.trim().startsWith("# →")) {
                Matcher fragment = PROMISED.matcher(line);
                while (fragment.find()) {
                    promises.add(fragment.group());
                }
            }
        }
        return promises;
    }
}
