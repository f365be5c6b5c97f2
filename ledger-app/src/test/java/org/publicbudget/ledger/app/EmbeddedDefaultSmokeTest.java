package org.publicbudget.ledger.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.publicbudget.ledger.app.support.Api;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The zero-install run: no configuration but a data folder, the embedded database,
 * the three demo accounts, the bundled seed imported on first start; and what it
 * recorded is still there after a restart, with the seed not imported twice and an
 * Idempotency-Key still remembered.
 */
class EmbeddedDefaultSmokeTest {

    private static final String PASSWORD = "demo-password-for-tests";
    private static final String CREATE = """
            {"department":"石围塘街道办事处","fiscalYear":2025,"unit":"街道办事处","name":"帮扶工作经费",
             "allocations":{"FISCAL_APPROPRIATION":"5.00"}}""";
    /** 6 declared-total and listing events, 60 projects created, 243 indicators added. */
    private static final long SEED_EVENTS = 310;

    @TempDir
    Path dataDir;

    private ConfigurableApplicationContext start() {
        return SpringApplication.run(LedgerApplication.class,
                "--ledger.data-dir=" + dataDir, "--server.port=0", "--LEDGER_DEMO_PASSWORD=" + PASSWORD);
    }

    private static Api apiOf(ConfigurableApplicationContext app) {
        int port = ((WebServerApplicationContext) app).getWebServer().getPort();
        return new Api(port, Map.of("finance", PASSWORD, "auditor", PASSWORD, "operator", PASSWORD));
    }

    @Test
    void runsWithNothingInstalledAndKeepsItsDataAcrossARestart() {
        String projectId;
        try (ConfigurableApplicationContext app = start()) {
            Api api = apiOf(app);
            await().atMost(Duration.ofSeconds(20)).until(() -> api.get(null, "/actuator/health").body().get("status").asText().equals("UP"));
            Api.Response created = api.post("finance", "/api/v1/projects", CREATE, Map.of("Idempotency-Key", "create-1"));
            assertThat(created.status()).isEqualTo(201);
            projectId = created.body().get("projectId").asText();
            assertThat(api.post("finance", "/api/v1/projects/" + projectId + "/allocation-revisions",
                    "{\"fundingSource\":\"FISCAL_APPROPRIATION\",\"amount\":\"6.00\",\"reason\":\"追加\"}").status()).isEqualTo(200);
            assertThat(api.get("operator", "/api/v1/ops/stats").body().get("events").asLong()).isEqualTo(SEED_EVENTS + 2);
            await().atMost(Duration.ofSeconds(20)).until(() -> api.get("auditor", "/api/v1/departments").body().size() == 2);
            JsonNode seeded = api.get("auditor", "/api/v1/departments").body().get(0);
            assertThat(seeded.get("name").asText()).isEqualTo("广州市荔湾区人民政府石围塘街道办事处");
            assertThat(seeded.get("fiscalYear").asInt()).isEqualTo(2025);
            assertThat(seeded.get("declaredTotal").asText()).isEqualTo("4892.11");
            // budget time and the search box on the embedded database too
            String department = "/api/v1/departments/" + seeded.get("departmentId").asText();
            JsonNode yearEnd = api.get("auditor", department + "?effectiveOn=2025-12-31").body();
            assertThat(yearEnd.path("originalTotal").asText()).as(yearEnd.toString()).isEqualTo("4892.12");
            assertThat(yearEnd.get("documentVariance").asText()).isEqualTo("-0.01");
            assertThat(api.get("auditor", department + "/search?q=编外人员").body().findValuesAsText("kind")).contains("PROJECT");
        }
        assertThat(dataDir.resolve("ledger.mv.db")).exists();

        try (ConfigurableApplicationContext app = start()) {
            Api api = apiOf(app);
            await().atMost(Duration.ofSeconds(20)).until(() ->
                    api.get("auditor", "/api/v1/projects/" + projectId + "/trail").status() == 200);
            JsonNode trail = api.get("auditor", "/api/v1/projects/" + projectId + "/trail").body();
            assertThat(trail.get("steps")).hasSize(2);
            assertThat(trail.get("finalValue").asText()).isEqualTo("6.00");
            assertThat(trail.get("consistent").asBoolean()).isTrue();
            assertThat(api.get("operator", "/api/v1/ops/stats").body().get("events").asLong()).isEqualTo(SEED_EVENTS + 2);
            assertThat(api.post("auditor", "/api/v1/projects/" + projectId + "/allocation-revisions",
                    "{\"fundingSource\":\"OTHER\",\"amount\":\"1\",\"reason\":\"r\"}").status()).isEqualTo(403);
        }
    }
}
