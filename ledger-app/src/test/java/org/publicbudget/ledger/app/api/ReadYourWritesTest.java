package org.publicbudget.ledger.app.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.publicbudget.ledger.app.support.Api;
import org.publicbudget.ledger.app.support.PostgresApiTest;

/**
 * A client reads its own writes: every command answer names the position its events
 * reached, a read naming that position shows them, and a project read right after a
 * command shows the version the command answered — so read, then write with If-Match,
 * never meets a 409 it did not cause.
 */
class ReadYourWritesTest extends PostgresApiTest {

    private final String department = "石围塘街道办事处 " + UUID.randomUUID();

    private Api.Response create(String unit, String name, String amount) {
        Api.Response created = api.post(WRITER, "/api/v1/projects", """
                {"department":"%s","fiscalYear":2025,"unit":"%s","name":"%s","allocations":{"FISCAL_APPROPRIATION":"%s"}}"""
                .formatted(department, unit, name, amount));
        assertThat(created.status()).as(created.body().toString()).isEqualTo(201);
        return created;
    }

    private Api.Response revise(String projectId, String amount, Map<String, String> headers) {
        return api.post(WRITER, "/api/v1/projects/" + projectId + "/allocation-revisions",
                "{\"fundingSource\":\"FISCAL_APPROPRIATION\",\"amount\":\"" + amount + "\",\"reason\":\"年中调整\"}", headers);
    }

    private static long position(Api.Response answer) {
        long header = Long.parseLong(answer.headers().firstValue("Ledger-Position").orElseThrow());
        assertThat(answer.body().get("position").asLong()).as("the body says what the header says").isEqualTo(header);
        return header;
    }

    @Test
    void aReadNamingTheWritesPositionShowsTheWrite() {
        Api.Response created = create("街道办事处", "帮扶工作经费", "10.00");
        String projectId = created.body().get("projectId").asText();
        String unitId = created.body().get("unitId").asText();
        long previous = position(created);
        for (int i = 1; i <= 20; i++) {
            Api.Response revised = revise(projectId, (10 + i) + ".00", Map.of());
            assertThat(revised.status()).isEqualTo(200);
            long reached = position(revised);
            assertThat(reached).isGreaterThan(previous);
            previous = reached;
            Api.Response unit = api.get(AUDITOR, "/api/v1/units/" + unitId + "?minPosition=" + reached);
            assertThat(unit.status()).isEqualTo(200);
            assertThat(unit.body().get("computedTotal").asText()).as("revision " + i).isEqualTo((10 + i) + ".00");
            JsonNode trail = api.get(AUDITOR, "/api/v1/units/" + unitId + "/trail?minPosition=" + reached).body();
            assertThat(trail.get("steps").get(trail.get("steps").size() - 1).get("position").asLong()).isEqualTo(reached);
        }
    }

    /**
     * Writers on many projects at once commit out of order; the processor meets events
     * that fill gaps behind positions it has already passed. Every one must be projected.
     */
    @Test
    void concurrentWritesAreAllInTheReadModel() throws Exception {
        List<String> projects = new ArrayList<>();
        String unitId = null;
        for (int i = 0; i < 16; i++) {
            Api.Response created = create("并发单位", "并发项目" + i, "1.00");
            projects.add(created.body().get("projectId").asText());
            unitId = created.body().get("unitId").asText();
        }
        ExecutorService writers = Executors.newFixedThreadPool(8);
        List<Future<Integer>> statuses = new ArrayList<>();
        for (int round = 2; round <= 11; round++) {
            for (String project : projects) {
                String amount = round + ".00";
                statuses.add(writers.submit(() -> revise(project, amount, Map.of()).status()));
            }
        }
        for (Future<Integer> status : statuses) {
            assertThat(status.get()).isEqualTo(200);
        }
        writers.shutdown();
        long head = api.get(OPERATOR, "/api/v1/ops/stats").body().get("headPosition").asLong();
        JsonNode trail = api.get(AUDITOR, "/api/v1/units/" + unitId + "/trail?minPosition=" + head).body();
        assertThat(trail.get("steps")).as("16 projects created, each revised 10 times").hasSize(16 + 160);
        assertThat(trail.get("consistent").asBoolean()).isTrue();
    }

    @Test
    void aProjectReadRightAfterAWriteHasItsVersionAsETag() {
        String projectId = create("综合保障中心", "编外人员聘用经费", "59.84").body().get("projectId").asText();
        List<String> stale = new ArrayList<>();
        for (int i = 1; i <= 30; i++) {
            String etag = api.get(AUDITOR, "/api/v1/projects/" + projectId).headers().firstValue("ETag").orElseThrow();
            Api.Response revised = revise(projectId, "6" + i + ".00", Map.of("If-Match", etag));
            assertThat(revised.status()).as("read, then write with If-Match: " + revised.body()).isEqualTo(200);
            String answered = revised.headers().firstValue("ETag").orElseThrow();
            String read = api.get(AUDITOR, "/api/v1/projects/" + projectId).headers().firstValue("ETag").orElseThrow();
            if (!read.equals(answered)) {
                stale.add(read + " after " + answered);
            }
        }
        assertThat(stale).isEmpty();
    }

    @Test
    void anIdempotentReplayAnswersWithThePositionOfTheFirstAnswer() {
        String projectId = create("街道办事处", "办公场地租赁费", "1.00").body().get("projectId").asText();
        Api.Response first = revise(projectId, "2.00", Map.of("Idempotency-Key", "rent-" + projectId));
        Api.Response again = revise(projectId, "2.00", Map.of("Idempotency-Key", "rent-" + projectId));
        assertThat(again.headers().firstValue("Idempotent-Replayed")).contains("true");
        assertThat(position(again)).isEqualTo(position(first));
    }

    @Test
    void aPositionThatIsNoPositionIsRefused() {
        long head = api.get(OPERATOR, "/api/v1/ops/stats").body().get("headPosition").asLong();
        for (String bad : List.of("abc", "-1", "1.5", Long.toString(head + 1_000_000))) {
            Api.Response read = api.get(AUDITOR, "/api/v1/departments?minPosition=" + bad);
            assertThat(read.status()).as(bad).isEqualTo(400);
            assertThat(read.body().get("field").asText()).isEqualTo("minPosition");
        }
    }

    @Test
    void listsComeInPagesAndRefuseToBeUnbounded() {
        String unitId = null;
        for (int i = 0; i < 5; i++) {
            unitId = create("分页单位", "项目" + i, "1.00").body().get("unitId").asText();
        }
        long reached = api.get(OPERATOR, "/api/v1/ops/stats").body().get("headPosition").asLong();
        List<String> names = new ArrayList<>();
        String next = "/api/v1/units/" + unitId + "/projects?limit=2&minPosition=" + reached;
        int pages = 0;
        while (next != null) {
            Api.Response page = api.get(AUDITOR, next);
            assertThat(page.status()).isEqualTo(200);
            assertThat(page.body().size()).isLessThanOrEqualTo(2);
            page.body().forEach(row -> names.add(row.get("name").asText()));
            next = page.headers().firstValue("Link").map(link -> link.substring(1, link.indexOf('>'))).orElse(null);
            pages++;
        }
        assertThat(pages).isEqualTo(3);
        assertThat(names).as("in the order the ledger first saw them").containsExactly("项目0", "项目1", "项目2", "项目3", "项目4");
        Api.Response tooMany = api.get(AUDITOR, "/api/v1/units?limit=100000");
        assertThat(tooMany.status()).isEqualTo(400);
        assertThat(tooMany.body().get("field").asText()).isEqualTo("limit");
        assertThat(api.get(AUDITOR, "/api/v1/units?after=banana").status()).isEqualTo(400);
    }
}
