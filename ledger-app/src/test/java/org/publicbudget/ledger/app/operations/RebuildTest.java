package org.publicbudget.ledger.app.operations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.publicbudget.ledger.app.support.Api;
import org.publicbudget.ledger.app.support.PostgresApiTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;

/** Operators rebuild the totals read model on a live ledger: readers notice nothing, writers lose nothing. */
class RebuildTest extends PostgresApiTest {

    private static final String TOTALS = "/api/v1/ops/processors/totals";

    @Test
    void rebuildUnderReadsAndWritesFailsNoReadAndEndsIdenticalToBefore(@Autowired JdbcTemplate database) throws Exception {
        String projectId = newProject("100.00");
        awaitCaughtUp();
        String departmentsBefore = api.get(AUDITOR, "/api/v1/departments").body().toString();
        String copyBefore = status().get("activeCopy").asText();

        AtomicBoolean stop = new AtomicBoolean();
        ConcurrentLinkedQueue<String> failedReads = new ConcurrentLinkedQueue<>();
        AtomicInteger reads = new AtomicInteger();
        AtomicInteger revisions = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        List<Future<?>> load = new ArrayList<>();
        for (String path : List.of("/api/v1/departments", "/api/v1/units", "/api/v1/projects/" + projectId)) {
            load.add(pool.submit(() -> {
                while (!stop.get()) {
                    Api.Response read = api.get(AUDITOR, path);
                    reads.incrementAndGet();
                    if (read.status() != 200) {
                        failedReads.add(path + " → " + read.status() + " " + read.body());
                    }
                }
                return null;
            }));
        }
        load.add(pool.submit(() -> {
            while (!stop.get()) {
                BigDecimal next = new BigDecimal("100.00").add(BigDecimal.valueOf(revisions.get() + 1));
                Api.Response revised = api.post(WRITER, "/api/v1/projects/" + projectId + "/allocation-revisions",
                        "{\"fundingSource\":\"FISCAL_APPROPRIATION\",\"amount\":\"" + next.toPlainString() + "\",\"reason\":\"追加\"}");
                assertThat(revised.status()).isEqualTo(200);
                revisions.incrementAndGet();
            }
            return null;
        }));

        await().atMost(Duration.ofSeconds(10)).until(() -> revisions.get() >= 3);
        Api.Response requested = api.post(OPERATOR, TOTALS + "/rebuild", "{\"reason\":\"fix in the unit totals\"}");
        assertThat(requested.status()).isEqualTo(202);
        String location = requested.headers().firstValue("Location").orElseThrow();
        JsonNode rebuild = await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(200))
                .until(() -> api.get(OPERATOR, location).body(), body -> body.get("state").asText().matches("DONE|FAILED"));
        await().atMost(Duration.ofSeconds(30)).until(() -> revisions.get() >= 3 + 3);
        stop.set(true);
        for (Future<?> f : load) {
            f.get(1, TimeUnit.MINUTES);
        }
        pool.shutdown();

        assertThat(rebuild.get("state").asText()).as(rebuild.toString()).isEqualTo("DONE");
        assertThat(rebuild.get("requestedBy").asText()).isEqualTo(OPERATOR);
        assertThat(rebuild.get("reason").asText()).isEqualTo("fix in the unit totals");
        JsonNode proof = rebuild.get("proof");
        assertThat(proof.get("identicalToBefore").asBoolean()).as(proof.toString()).isTrue();
        assertThat(proof.get("matchesEvents").asBoolean()).isTrue();
        assertThat(proof.get("events").asLong()).isGreaterThan(3);
        assertThat(rebuild.get("eventsDone").asLong()).isEqualTo(proof.get("events").asLong());
        assertThat(failedReads).as("of %d reads", reads.get()).isEmpty();
        assertThat(reads.get()).isGreaterThan(10);

        JsonNode after = awaitCaughtUp();
        assertThat(after.get("activeCopy").asText()).isNotEqualTo(copyBefore);
        assertThat(after.get("runningHere").asBoolean()).isTrue();
        for (String history : List.of("figure_history", "goal_history", "ledger_journal")) {
            // every history table keeps its key through a rebuild
            String table = history + "_" + after.get("activeCopy").asText();
            assertThatThrownBy(() -> database.update("INSERT INTO " + table + " SELECT * FROM " + table + " LIMIT 1"))
                    .as(table).isInstanceOf(DuplicateKeyException.class);
        }
        assertThat(after.get("segments")).isNotEmpty().allSatisfy(segment -> assertThat(segment.get("position").asLong())
                .isEqualTo(after.get("head").asLong()));
        JsonNode project = api.get(AUDITOR, "/api/v1/projects/" + projectId).body();
        assertThat(new BigDecimal(project.get("total").asText()))
                .isEqualByComparingTo(new BigDecimal("100.00").add(BigDecimal.valueOf(revisions.get())));
        JsonNode verification = api.get(AUDITOR, "/api/v1/verify").body();
        assertThat(verification.get("readModelsMatch").asBoolean()).as(verification.toString()).isTrue();
        assertThat(api.get(AUDITOR, "/api/v1/departments").body().toString()).isNotEqualTo(departmentsBefore)
                .as("only the revised project's department moved");
    }

    /** The switch to the new copy gives way to a reader in the middle of a transaction, and tries again once it ends. */
    @Test
    void theSwitchWaitsForAReaderStillUsingTheViews(@Autowired DataSource dataSource) throws Exception {
        newProject("5.00");
        awaitCaughtUp();
        String location;
        try (Connection reader = dataSource.getConnection(); Statement statement = reader.createStatement()) {
            reader.setAutoCommit(false);
            statement.executeQuery("SELECT COUNT(*) FROM budget_unit").close();
            Api.Response requested = api.post(OPERATOR, TOTALS + "/rebuild", "{\"reason\":\"a long report is open\"}");
            assertThat(requested.status()).isEqualTo(202);
            location = requested.headers().firstValue("Location").orElseThrow();
            await().atMost(Duration.ofMinutes(1)).until(() -> api.get(OPERATOR, location).body().get("state").asText(), "WRITING"::equals);
            await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(10))
                    .until(() -> api.get(OPERATOR, location).body().get("state").asText(), "WRITING"::equals);
            reader.commit();
        }
        JsonNode rebuild = await().atMost(Duration.ofSeconds(30))
                .until(() -> api.get(OPERATOR, location).body(), body -> body.get("state").asText().matches("DONE|FAILED"));
        assertThat(rebuild.get("state").asText()).as(rebuild.toString()).isEqualTo("DONE");
        awaitCaughtUp();
    }

    @Test
    void aSecondRebuildWhileOneIsUnderWayIsRefused() {
        assertThat(api.post(OPERATOR, TOTALS + "/rebuild", "").status()).isEqualTo(202);
        Api.Response second = api.post(OPERATOR, TOTALS + "/rebuild", "");
        assertThat(second.status()).isEqualTo(409);
        assertThat(second.body().get("field").asText()).isEqualTo("name");
        awaitCaughtUp();
    }

    @Test
    void onlyOperatorsRebuildAndOnlyKnownProcessors() {
        assertThat(api.post(AUDITOR, TOTALS + "/rebuild", "").status()).isEqualTo(403);
        assertThat(api.get(AUDITOR, TOTALS).status()).isEqualTo(403);
        Api.Response unknown = api.post(OPERATOR, "/api/v1/ops/processors/nonesuch/rebuild", "");
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.contentType()).isEqualTo("application/problem+json");
        JsonNode list = api.get(OPERATOR, "/api/v1/ops/processors").body();
        assertThat(list).extracting(p -> p.get("name").asText()).contains("totals");
    }

    private JsonNode status() {
        return api.get(OPERATOR, TOTALS).body();
    }

    private JsonNode awaitCaughtUp() {
        return await().atMost(Duration.ofMinutes(1)).pollInterval(Duration.ofMillis(200))
                .until(this::status, s -> s.get("caughtUp").asBoolean() && s.get("runningHere").asBoolean());
    }

    private String newProject(String amount) {
        Api.Response created = api.post(WRITER, "/api/v1/projects", """
                {"department":"Rebuild %s","fiscalYear":2025,"unit":"街道办事处","name":"道路保洁","allocations":{"FISCAL_APPROPRIATION":"%s"}}"""
                .formatted(UUID.randomUUID(), amount));
        assertThat(created.status()).isEqualTo(201);
        return created.body().get("projectId").asText();
    }
}
