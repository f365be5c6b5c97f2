package org.publicbudget.ledger.app.observability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.publicbudget.ledger.app.imports.Seed;
import org.publicbudget.ledger.app.support.Api;
import org.publicbudget.ledger.app.support.PostgresApiTest;
import org.publicbudget.ledger.app.support.TestDeployment;

/** What an operator's Prometheus reads after the things operators watch for: each metric there, with the value they caused. */
class MetricsTest extends PostgresApiTest {

    private Scrape scrape() {
        Api.Response response = api.get(OPERATOR, "/actuator/prometheus");
        assertThat(response.status()).isEqualTo(200);
        return Scrape.of(response.body().asText());
    }

    private long events() {
        return api.get(OPERATOR, "/api/v1/ops/stats").body().get("events").asLong();
    }

    @Test
    void onlyOperatorsAndTheMetricsAccountReadTheMetrics() {
        assertThat(api.get(TestDeployment.MONITOR, "/actuator/prometheus").status()).isEqualTo(200);
        assertThat(api.get(TestDeployment.MONITOR, "/api/v1/ops/stats").status()).as("the metrics and nothing else").isEqualTo(403);
        assertThat(api.get(TestDeployment.MONITOR, "/api/v1/departments").status()).isEqualTo(403);
        assertThat(api.get(TestDeployment.MONITOR, "/actuator").status()).as("not even the list of endpoints").isEqualTo(403);
        assertThat(api.get(WRITER, "/actuator").status()).isEqualTo(403);
        assertThat(api.get(OPERATOR, "/actuator").status()).isEqualTo(200);
        assertThat(api.get(AUDITOR, "/actuator/prometheus").status()).isEqualTo(403);
        assertThat(api.get(null, "/actuator/prometheus").status()).isEqualTo(401);
        assertThat(scrape().hasMetric("jvm_memory_used_bytes")).as("the JVM's own meters").isTrue();
        assertThat(scrape().hasMetric("hikaricp_connections_active")).as("the pool's").isTrue();
    }

    @Test
    void commandsAreCountedByTypeAndOutcomeWithTheirLatency() {
        Scrape before = scrape();
        long eventsBefore = events();
        Api.Response created = api.post(WRITER, "/api/v1/projects", """
                {"department":"Metrics %s","fiscalYear":2048,"unit":"街道办事处","name":"帮扶工作经费","goal":"",
                 "allocations":{"FISCAL_APPROPRIATION":"5.00"}}""".formatted(UUID.randomUUID()));
        assertThat(created.status()).isEqualTo(201);
        String revisions = "/api/v1/projects/" + created.body().get("projectId").asText() + "/allocation-revisions";
        assertThat(api.post(WRITER, revisions, "{\"fundingSource\":\"OTHER\",\"amount\":\"1.00\",\"reason\":\"追加\"}").status()).isEqualTo(200);
        assertThat(api.post(WRITER, revisions, "{\"fundingSource\":\"OTHER\",\"amount\":\"2.00\",\"reason\":\"r\",\"expectedVersion\":0}")
                .status()).isEqualTo(409);
        assertThat(api.post(WRITER, revisions, "{\"fundingSource\":\"OTHER\",\"amount\":\"1.00\",\"reason\":\"the same again\"}").status())
                .isEqualTo(422);
        String again = "{\"fundingSource\":\"OTHER\",\"amount\":\"3.00\",\"reason\":\"once\"}";
        Map<String, String> key = Map.of("Idempotency-Key", "metrics-" + UUID.randomUUID());
        assertThat(api.post(WRITER, revisions, again, key).status()).isEqualTo(200);
        assertThat(api.post(WRITER, revisions, again, key).headers().firstValue("Idempotent-Replayed")).hasValue("true");
        String projectId = created.body().get("projectId").asText();
        Api.Response batch = api.post(WRITER, "/api/v1/batches", "{\"commands\":[" + revision(projectId, "4.00") + "," + revision(projectId, "5.00")
                + "]}");
        assertThat(batch.status()).as(batch.body().toString()).isEqualTo(200);
        long appended = events() - eventsBefore;

        Scrape after = scrape();
        String count = "ledger_command_seconds_count";
        assertThat(after.value(count, "command", "CreateProject", "outcome", "accepted")
                - before.value(count, "command", "CreateProject", "outcome", "accepted")).isEqualTo(1);
        assertThat(after.value(count, "command", "ReviseAllocation", "outcome", "accepted")
                - before.value(count, "command", "ReviseAllocation", "outcome", "accepted")).as("two alone, two in a batch").isEqualTo(4);
        assertThat(after.value(count, "command", "ReviseAllocation", "outcome", "conflict")
                - before.value(count, "command", "ReviseAllocation", "outcome", "conflict")).isEqualTo(1);
        assertThat(after.value(count, "command", "ReviseAllocation", "outcome", "refused")
                - before.value(count, "command", "ReviseAllocation", "outcome", "refused")).isEqualTo(1);
        assertThat(after.has("ledger_command_seconds_bucket", "command", "ReviseAllocation", "outcome", "accepted"))
                .as("a latency histogram, for percentiles across nodes").isTrue();
        assertThat(after.value("ledger_events_appended_total") - before.value("ledger_events_appended_total")).isEqualTo(appended)
                .isEqualTo(5);
        assertThat(after.value("ledger_idempotent_replays_total") - before.value("ledger_idempotent_replays_total")).isEqualTo(1);
        assertThat(after.value("ledger_append_seconds_count") - before.value("ledger_append_seconds_count")).as("the batch appends once")
                .isEqualTo(4);
        assertThat(after.value("http_server_requests_seconds_count", "method", "POST", "status", "409")
                - before.value("http_server_requests_seconds_count", "method", "POST", "status", "409")).isEqualTo(1);
    }

    private static String revision(String projectId, String amount) {
        return "{\"type\":\"ALLOCATION_REVISION\",\"projectId\":\"" + projectId + "\",\"fundingSource\":\"OTHER\",\"amount\":\"" + amount
                + "\",\"reason\":\"批量调整\"}";
    }

    @Test
    void anImportIsCountedWithItsFindingsByKind() {
        Scrape before = scrape();
        Api.Response imported = api.postText(WRITER, "/api/v1/imports?fiscalYear=2048&documentName=" + Seed.NAME, Seed.text());
        assertThat(imported.status()).isEqualTo(200);
        Api.Response refused = api.postText(WRITER, "/api/v1/imports?fiscalYear=2048&documentName=minutes.txt", "Minutes\nNothing here.\n");
        assertThat(refused.status()).isEqualTo(422);

        Scrape after = scrape();
        assertThat(after.value("ledger_imports_total", "outcome", "imported") - before.value("ledger_imports_total", "outcome", "imported"))
                .isEqualTo(1);
        assertThat(after.value("ledger_imports_total", "outcome", "not_a_budget_table")
                - before.value("ledger_imports_total", "outcome", "not_a_budget_table")).isEqualTo(1);
        for (JsonNode kind : imported.body().get("findings").findValues("kind").stream().distinct().toList()) {
            long found = imported.body().get("findings").findValues("kind").stream().filter(kind::equals).count();
            assertThat(after.value("ledger_import_findings_total", "kind", kind.asText())
                    - before.value("ledger_import_findings_total", "kind", kind.asText())).as(kind.asText()).isEqualTo(found);
        }
        assertThat(after.value("ledger_import_findings_total", "kind", "PAGE_REPEAT")
                - before.value("ledger_import_findings_total", "kind", "PAGE_REPEAT")).isEqualTo(6);
    }

    @Test
    void aRebuildAndTheProcessorsShowTheirProgress() {
        assertThat(api.post(WRITER, "/api/v1/projects", """
                {"department":"Metrics %s","fiscalYear":2048,"unit":"街道办事处","name":"帮扶工作经费","goal":"",
                 "allocations":{"FISCAL_APPROPRIATION":"5.00"}}""".formatted(UUID.randomUUID())).status()).as("something to replay").isEqualTo(201);
        Api.Response asked = api.post(OPERATOR, "/api/v1/ops/processors/totals/rebuild", "{\"reason\":\"metrics test\"}");
        assertThat(asked.status()).isEqualTo(202);
        String rebuild = asked.headers().firstValue("Location").orElseThrow();
        await().atMost(Duration.ofMinutes(2)).until(() -> api.get(OPERATOR, rebuild).body().get("state").asText().equals("DONE"));
        long head = api.get(OPERATOR, "/api/v1/ops/stats").body().get("headPosition").asLong();

        // the gauges are read every few seconds: the next reading shows the finished rebuild and the caught-up processor
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            Scrape now = scrape();
            assertThat(now.value("ledger_rebuild_running", "processor", "totals")).isZero();
            assertThat(now.value("ledger_rebuild_failed", "processor", "totals")).isZero();
            assertThat(now.value("ledger_rebuild_events_done", "processor", "totals")).isPositive()
                    .isEqualTo(now.value("ledger_rebuild_events_expected", "processor", "totals"));
            assertThat(now.value("ledger_processor_head", "processor", "totals")).isGreaterThanOrEqualTo(head);
            assertThat(now.value("ledger_processor_lag_events", "processor", "totals")).isZero();
            assertThat(now.value("ledger_processor_lag_seconds", "processor", "totals")).isZero();
            assertThat(now.value("ledger_processor_segments_owned", "processor", "totals")).isEqualTo(2);
            assertThat(now.value("ledger_verification_chain_intact")).isEqualTo(1);
        });
    }

    @Test
    void aFailedSignInIsCounted() throws Exception {
        Scrape before = scrape();
        HttpRequest wrong = HttpRequest.newBuilder(URI.create("http://127.0.0.7:" + port() + "/api/v1/departments"))
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString((AUDITOR + ":wrong").getBytes(StandardCharsets.UTF_8)))
                .build();
        assertThat(HttpClient.newHttpClient().send(wrong, HttpResponse.BodyHandlers.discarding()).statusCode()).isEqualTo(401);

        assertThat(scrape().value("ledger_sign_in_failures_total") - before.value("ledger_sign_in_failures_total")).isEqualTo(1);
    }
}
