package org.publicbudget.ledger.app.feed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.publicbudget.ledger.app.support.Api;
import org.publicbudget.ledger.app.support.LedgerProcess;
import org.publicbudget.ledger.app.support.TestDeployment;
import org.publicbudget.ledger.app.support.TestPostgres;

/**
 * The reference consumer as a system following the ledger runs it: its own process
 * ({@code java -jar ledger-app.jar follow}), printing NDJSON. It goes on across a
 * restart of the ledger without missing or repeating an event; with {@code --verify}
 * it stops with exit code 3 at an event edited behind the ledger's back.
 */
class FollowIT {

    private final ObjectMapper json = new ObjectMapper();

    @Test
    void theFollowerGoesOnAcrossARestartOfTheLedgerAndItsVerificationCatchesAnAlteredEvent() throws Exception {
        TestPostgres.Database database = TestPostgres.freshSchema();
        LedgerProcess node = new LedgerProcess(database, "followed").start();
        try {
            Api api = node.api();
            for (int i = 0; i < 3; i++) {
                project(api, "跟随前" + i);
            }
            Path printed = Path.of("target", "follow-" + System.nanoTime() + ".ndjson");
            Process follower = follow(node, printed, false);
            try {
                await().atMost(Duration.ofSeconds(60)).until(() -> lines(printed).size() >= 3);
                node.kill();
                node.start();
                for (int i = 0; i < 2; i++) {
                    project(api, "跟随后" + i);
                }
                long stored = count(database);
                await().atMost(Duration.ofSeconds(60)).until(() -> lines(printed).size() >= stored);
                Thread.sleep(1_000);
            } finally {
                follower.destroy();
                follower.waitFor(10, TimeUnit.SECONDS);
            }
            List<Long> positions = new ArrayList<>();
            for (String line : lines(printed)) {
                positions.add(json.readTree(line).get("position").asLong());
            }
            assertThat(positions).as("every event once, in order, across the restart").doesNotHaveDuplicates().isSorted()
                    .containsExactlyElementsOf(positionsIn(database));

            try (Connection connection = DriverManager.getConnection(database.url(), database.user(), database.password())) {
                connection.createStatement().executeUpdate("UPDATE domainevententry SET payload = convert_to(replace(convert_from(payload, "
                        + "'UTF8'), '1.00', '9.00'), 'UTF8') WHERE globalIndex = (SELECT MIN(globalIndex) FROM domainevententry "
                        + "WHERE payloadType = 'ProjectCreated')");
            }
            Process verifier = follow(node, Path.of("target", "follow-verify-" + System.nanoTime() + ".ndjson"), true);
            assertThat(verifier.waitFor(60, TimeUnit.SECONDS)).as("stops by itself").isTrue();
            assertThat(verifier.exitValue()).isEqualTo(3);
            assertThat(new String(verifier.getErrorStream().readAllBytes(), StandardCharsets.UTF_8))
                    .contains("no longer matches the hash written with it");
        } finally {
            node.kill();
        }
    }

    private static void project(Api api, String name) {
        Api.Response created = api.post("treasury", "/api/v1/projects", """
                {"department":"跟随局","fiscalYear":2025,"unit":"街道办事处","name":"%s","allocations":{"FISCAL_APPROPRIATION":"1.00"}}"""
                .formatted(name));
        assertThat(created.status()).isEqualTo(201);
    }

    private static Process follow(LedgerProcess node, Path out, boolean verify) throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar",
                System.getProperty("ledger.process.jar", "target/ledger-app.jar"), "follow", "--ledger=http://127.0.0.1:" + node.port(),
                "--user=audit-office"));
        if (verify) {
            command.add("--verify");
        }
        ProcessBuilder builder = new ProcessBuilder(command).redirectOutput(out.toFile());
        builder.environment().put("LEDGER_PASSWORD", TestDeployment.PASSWORDS.get("audit-office"));
        return builder.start();
    }

    private static List<String> lines(Path file) throws Exception {
        return Files.exists(file) ? Files.readAllLines(file, StandardCharsets.UTF_8).stream().filter(l -> !l.isBlank()).toList() : List.of();
    }

    private static long count(TestPostgres.Database database) throws Exception {
        return positionsIn(database).size();
    }

    private static List<Long> positionsIn(TestPostgres.Database database) throws Exception {
        List<Long> positions = new ArrayList<>();
        try (Connection connection = DriverManager.getConnection(database.url(), database.user(), database.password());
                ResultSet rows = connection.createStatement().executeQuery("SELECT globalIndex FROM domainevententry ORDER BY globalIndex")) {
            while (rows.next()) {
                positions.add(rows.getLong(1));
            }
        }
        return positions;
    }
}
