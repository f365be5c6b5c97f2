package org.publicbudget.ledger.app.projects.batch;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.publicbudget.ledger.app.support.Api;
import org.publicbudget.ledger.app.support.PostgresApiTest;
import org.publicbudget.ledger.query.proof.EventHash;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/** Batches land whole or not at all, over real HTTP on PostgreSQL. */
class BatchTest extends PostgresApiTest {

    @Autowired
    private JdbcTemplate database;

    private String project(int fiscalYear, String unit, String name, String amount) {
        return api.post(WRITER, "/api/v1/projects", "{\"department\":\"批量\",\"fiscalYear\":" + fiscalYear + ",\"unit\":\"" + unit
                + "\",\"name\":\"" + name + "\",\"allocations\":{\"FISCAL_APPROPRIATION\":\"" + amount + "\"}}").body().get("projectId").asText();
    }

    private long events() {
        return api.get(OPERATOR, "/api/v1/ops/stats").body().get("events").asLong();
    }

    private Api.Response batch(String commands, Map<String, String> headers) {
        return api.post(WRITER, "/api/v1/batches", "{\"documentNumber\":\"荔财预〔2044〕7号\",\"effectiveDate\":\"2044-07-01\",\"commands\":["
                + commands + "]}", headers);
    }

    private static String revision(String projectId, String amount, Long expectedVersion) {
        return "{\"type\":\"ALLOCATION_REVISION\",\"projectId\":\"" + projectId + "\",\"fundingSource\":\"FISCAL_APPROPRIATION\",\"amount\":\""
                + amount + "\",\"reason\":\"年中调整\"" + (expectedVersion == null ? "" : ",\"expectedVersion\":" + expectedVersion) + "}";
    }

    @Test
    void everyKindOfCommandLandsInOneBatchAndTheTrailNamesIt() {
        String a = project(2044, "甲单位", "甲项目", "100");
        String b = project(2044, "甲单位", "乙项目", "50");
        long before = events();

        Api.Response answer = batch(String.join(",",
                "{\"type\":\"CREATE_PROJECT\",\"department\":\"批量\",\"fiscalYear\":2044,\"unit\":\"乙单位\",\"name\":\"丙项目\","
                        + "\"allocations\":{\"OTHER\":\"3.5\"}}",
                revision(a, "120.50", 0L),
                "{\"type\":\"TRANSFER\",\"fromProjectId\":\"" + a + "\",\"toProjectId\":\"" + b + "\",\"fundingSource\":\"FISCAL_APPROPRIATION\","
                        + "\"amount\":\"20.50\",\"reason\":\"调剂\"}",
                "{\"type\":\"GOAL_REVISION\",\"projectId\":\"" + b + "\",\"goal\":\"新目标\",\"reason\":\"目标调整\"}",
                "{\"type\":\"INDICATOR_ADDITION\",\"projectId\":\"" + b + "\",\"level1\":\"1\",\"level2\":\"11\",\"name\":\"完成率\","
                        + "\"annualTarget\":\"100%\"}",
                "{\"type\":\"INDICATOR_REVISION\",\"projectId\":\"" + b + "\",\"no\":1,\"level1\":\"1\",\"level2\":\"11\",\"name\":\"完成率\","
                        + "\"annualTarget\":\"95%\",\"reason\":\"指标调整\"}",
                "{\"type\":\"INDICATOR_REMOVAL\",\"projectId\":\"" + b + "\",\"no\":1,\"reason\":\"指标取消\"}",
                "{\"type\":\"DECLARED_TOTAL\",\"department\":\"批量\",\"fiscalYear\":2044,\"unit\":\"乙单位\",\"amount\":\"3.5\",\"reason\":\"申报\"}",
                "{\"type\":\"WITHDRAWAL\",\"projectId\":\"" + a + "\",\"reason\":\"项目撤销\"}"), Map.of());

        assertThat(answer.status()).as(answer.body().toString()).isEqualTo(200);
        JsonNode results = answer.body().get("commands");
        assertThat(results).hasSize(9);
        assertThat(results.get(1).get("total").asText()).isEqualTo("120.50");
        assertThat(results.get(2).get("to").get("total").asText()).isEqualTo("70.50");
        assertThat(results.get(4).get("no").asInt()).isEqualTo(1);
        assertThat(results.get(7).get("declaredTotal").asText()).isEqualTo("3.50");
        assertThat(events() - before).as("one event per command, two for the transfer").isEqualTo(10);
        String batchId = answer.body().get("batchId").asText();
        JsonNode trail = api.get(AUDITOR, "/api/v1/projects/" + b + "/trail?minPosition=" + answer.body().get("position").asLong()).body();
        JsonNode transferIn = trail.get("steps").get(trail.get("steps").size() - 1);
        assertThat(transferIn.get("batchId").asText()).isEqualTo(batchId);
        assertThat(transferIn.get("documentNumber").asText()).isEqualTo("荔财预〔2044〕7号");
        assertThat(transferIn.get("effectiveDate").asText()).isEqualTo("2044-07-01");
        for (String project : List.of(a, b)) {
            assertChained(project);
        }
    }

    /** Every event of the project is chained to the one before it, over the bytes as stored: a batch chains as a single command does. */
    private void assertChained(String project) {
        List<Map<String, Object>> rows = database.queryForList("SELECT e.globalIndex, e.aggregateIdentifier, e.sequenceNumber, "
                + "e.eventIdentifier, e.payloadType, e.payloadRevision, e.timeStamp, e.payload, e.metaData, c.previous_hash, c.hash "
                + "FROM domainevententry e LEFT JOIN event_chain c ON c.event_identifier = e.eventIdentifier "
                + "WHERE e.aggregateIdentifier = ? ORDER BY e.sequenceNumber", project);
        assertThat(rows).hasSizeGreaterThan(1);
        String previous = EventHash.GENESIS;
        for (Map<String, Object> row : rows) {
            EventHash.StoredEvent event = new EventHash.StoredEvent((Long) row.get("globalindex"), (String) row.get("aggregateidentifier"),
                    (Long) row.get("sequencenumber"), (String) row.get("eventidentifier"), (String) row.get("payloadtype"),
                    (String) row.get("payloadrevision"), (String) row.get("timestamp"), (byte[]) row.get("payload"), (byte[]) row.get("metadata"));
            assertThat(row.get("previous_hash")).as("event %d of %s", event.sequenceNumber(), project).isEqualTo(previous);
            previous = EventHash.of(previous, event);
            assertThat(row.get("hash")).as("event %d of %s", event.sequenceNumber(), project).isEqualTo(previous);
        }
    }

    @Test
    void malformedCommandsAreAllNamedAndNothingRuns() {
        String a = project(2045, "丁单位", "丁项目", "10");
        long before = events();

        Api.Response answer = batch(String.join(",", revision(a, "11", null), revision(a, "1.2.3", null),
                "{\"type\":\"GOAL_REVISION\",\"projectId\":\"" + a + "\",\"reason\":\"无目标\"}", "{\"projectId\":\"" + a + "\"}"), Map.of());

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.contentType()).startsWith("application/problem+json");
        assertThat(answer.body().get("field").asText()).isEqualTo("commands[1].amount");
        assertThat(answer.body().get("errors").findValuesAsText("field"))
                .containsExactly("commands[1].amount", "commands[2].goal", "commands[3].type");
        assertThat(events()).isEqualTo(before);
    }

    /** Refused by the rules as they run: every refused command named, and the ones that ran before it undone. */
    @Test
    void oneRefusedCommandRefusesTheBatchAndAppendsNothing() {
        String a = project(2045, "戊单位", "戊项目", "10");
        String b = project(2045, "戊单位", "己项目", "10");
        long before = events();

        Api.Response answer = batch(String.join(",", revision(a, "30", null),
                "{\"type\":\"TRANSFER\",\"fromProjectId\":\"" + b + "\",\"toProjectId\":\"" + a + "\",\"fundingSource\":\"FISCAL_APPROPRIATION\","
                        + "\"amount\":\"99\",\"reason\":\"调剂过多\"}",
                revision("no-such-project", "5", null), revision(b, "12", null)), Map.of());

        assertThat(answer.status()).isEqualTo(422);
        JsonNode errors = answer.body().get("errors");
        assertThat(errors.findValuesAsText("index")).containsExactly("1", "2");
        assertThat(errors.get(1).get("status").asInt()).isEqualTo(404);
        assertThat(events()).isEqualTo(before);
        JsonNode project = api.get(AUDITOR, "/api/v1/projects/" + a).body();
        assertThat(project.get("total").asText()).isEqualTo("10.00");
        assertThat(project.get("version").asLong()).isZero();
    }

    @Test
    void aBatchSentAgainWithItsKeyIsAnsweredAgainAndAppendedOnce() {
        String a = project(2046, "庚单位", "庚项目", "10");
        long before = events();
        Map<String, String> key = Map.of("Idempotency-Key", "batch-2046-1");

        Api.Response first = batch(revision(a, "11", null) + "," + revision(a, "12", null), key);
        Api.Response again = batch(revision(a, "11", null) + "," + revision(a, "12", null), key);

        assertThat(first.status()).isEqualTo(200);
        assertThat(again.status()).isEqualTo(200);
        assertThat(again.headers().firstValue("Idempotent-Replayed")).contains("true");
        assertThat(again.body()).isEqualTo(first.body());
        assertThat(events() - before).isEqualTo(2);
    }

    @Test
    void anExpectedVersionIsHeldWithinABatchAndAcrossBatches() {
        String a = project(2046, "辛单位", "辛项目", "10");
        long before = events();

        Api.Response within = batch(revision(a, "11", 0L) + "," + revision(a, "12", 0L), Map.of());

        assertThat(within.status()).isEqualTo(409);
        assertThat(within.body().get("field").asText()).isEqualTo("commands[1].expectedVersion");
        assertThat(events()).isEqualTo(before);

        assertThat(batch(revision(a, "11", 0L) + "," + revision(a, "12", 1L), Map.of()).status()).isEqualTo(200);
        Api.Response stale = batch(revision(a, "13", 1L), Map.of());
        assertThat(stale.status()).isEqualTo(409);
        assertThat(api.get(AUDITOR, "/api/v1/projects/" + a).body().get("version").asLong()).isEqualTo(2);
    }

    /** Batches and single revisions on the same projects at once: every accepted revision is in the store, none twice. */
    @Test
    void batchesInterleavedWithSingleCommandsLoseNothing() throws Exception {
        List<String> projects = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            projects.add(project(2047, "壬单位", "壬项目" + i, "10"));
        }
        AtomicInteger accepted = new AtomicInteger();
        ExecutorService clients = Executors.newFixedThreadPool(4);
        List<Future<?>> sent = new ArrayList<>();
        for (int client = 0; client < 4; client++) {
            int c = client;
            sent.add(clients.submit(() -> {
                for (int r = 0; r < 10; r++) {
                    int round = r;
                    if (c % 2 == 0) {
                        List<String> revisions = new ArrayList<>();
                        for (String p : projects) {
                            revisions.add(revision(p, (c + 1) + "" + round + ".5", null));
                        }
                        untilAccepted(() -> batch(String.join(",", revisions), Map.of()).status());
                        accepted.addAndGet(projects.size());
                    } else {
                        String p = projects.get(round % projects.size());
                        untilAccepted(() -> api.post(WRITER, "/api/v1/projects/" + p + "/allocation-revisions",
                                "{\"fundingSource\":\"FISCAL_APPROPRIATION\",\"amount\":\"" + c + round + ".25\",\"reason\":\"单笔\"}").status());
                        accepted.incrementAndGet();
                    }
                }
                return null;
            }));
        }
        for (Future<?> client : sent) {
            client.get();
        }
        clients.shutdown();

        long versions = 0;
        for (String p : projects) {
            versions += api.get(AUDITOR, "/api/v1/projects/" + p).body().get("version").asLong();
        }
        assertThat(versions).as("each accepted revision one version").isEqualTo(accepted.get());
        assertThat(accepted.get()).isEqualTo(2 * 10 * 4 + 2 * 10);
    }

    private interface Send {
        int status();
    }

    /** A client's loop: a 409 (another writer got there first) is sent again, anything else but 200 fails the test. */
    private static void untilAccepted(Send send) {
        int status;
        do {
            status = send.status();
            assertThat(status).isIn(200, 409);
        } while (status == 409);
    }
}
