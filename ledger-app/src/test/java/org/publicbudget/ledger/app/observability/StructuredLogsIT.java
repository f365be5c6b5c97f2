package org.publicbudget.ledger.app.observability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.publicbudget.ledger.app.imports.Seed;
import org.publicbudget.ledger.app.support.EmbeddedLedger;

/** The packaged jar asked for JSON logs: every line one JSON object, and a request's lines naming it and its trace. */
class StructuredLogsIT {

    @Test
    void everyLineIsJsonAndARequestsLinesCarryItsIdsAndTrace(@TempDir Path directory) throws Exception {
        try (EmbeddedLedger ledger = EmbeddedLedger.start(directory, Map.of("LOGGING_STRUCTURED_FORMAT_CONSOLE", "ecs",
                "MANAGEMENT_TRACING_ENABLED", "true", "MANAGEMENT_TRACING_SAMPLING_PROBABILITY", "1.0"))) {
            HttpRequest dryRun = HttpRequest.newBuilder(URI.create("http://localhost:" + ledger.port()
                            + "/api/v1/imports?fiscalYear=2025&dryRun=true&documentName=again.txt"))
                    .header("Authorization", "Basic " + Base64.getEncoder().encodeToString("finance:demo".getBytes(StandardCharsets.UTF_8)))
                    .header("Content-Type", "text/plain; charset=UTF-8").header("X-Correlation-Id", "budget-review-7")
                    .header("X-Request-Id", "request-7").POST(HttpRequest.BodyPublishers.ofString(Seed.text(), StandardCharsets.UTF_8)).build();
            assertThat(HttpClient.newHttpClient().send(dryRun, HttpResponse.BodyHandlers.discarding()).statusCode()).isEqualTo(200);

            JsonNode logged = await().atMost(Duration.ofSeconds(10)).until(() -> lines(ledger.log()).stream()
                    .filter(line -> line.path("message").asText().startsWith("Dry run of again.txt")).findFirst().orElse(null), line -> line != null);
            assertThat(logged.path("correlationId").asText()).isEqualTo("budget-review-7");
            assertThat(logged.path("requestId").asText()).isEqualTo("request-7");
            assertThat(logged.path("traceId").asText()).matches("[0-9a-f]{32}");
            assertThat(logged.path("spanId").asText()).matches("[0-9a-f]{16}");
            assertThat(logged.path("log").path("level").asText()).isEqualTo("INFO");
            assertThat(lines(ledger.log()).stream().filter(line -> line.path("message").asText().startsWith("Imported ")))
                    .as("the bundled seed's import at the start, logged the same way").isNotEmpty();
        }
    }

    /** Every line of the log as JSON; a line that is not JSON fails the test. */
    private static List<JsonNode> lines(Path log) throws Exception {
        ObjectMapper json = new ObjectMapper();
        List<JsonNode> lines = new ArrayList<>();
        for (String line : Files.readAllLines(log, StandardCharsets.UTF_8)) {
            if (!line.isBlank()) {
                lines.add(json.readTree(line));
            }
        }
        return lines;
    }
}
