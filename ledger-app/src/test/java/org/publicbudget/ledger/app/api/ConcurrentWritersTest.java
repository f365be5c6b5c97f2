package org.publicbudget.ledger.app.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;
import org.junit.jupiter.api.Test;
import org.publicbudget.ledger.app.support.Api;
import org.publicbudget.ledger.app.support.PostgresApiTest;
import org.publicbudget.ledger.domain.organisation.OrganisationIds;

/** Finance systems race each other: no update is ever lost, and a transfer lands whole or not at all. */
class ConcurrentWritersTest extends PostgresApiTest {

    private static final int WRITERS = 32;
    private static final int INCREMENTS_EACH = 3;

    private String newProject(String name, String amount) {
        Api.Response created = api.post(WRITER, "/api/v1/projects", """
                {"department":"Race %s","fiscalYear":2025,"unit":"街道办事处","name":"%s","allocations":{"FISCAL_APPROPRIATION":"%s"}}"""
                .formatted(UUID.randomUUID(), name, amount));
        assertThat(created.status()).isEqualTo(201);
        return created.body().get("projectId").asText();
    }

    /** The figure's trail once the read models hold everything written so far. */
    private JsonNode trail(String projectId) {
        long head = api.get(OPERATOR, "/api/v1/ops/stats").body().get("headPosition").asLong();
        return api.get(AUDITOR, "/api/v1/projects/" + projectId + "/trail?minPosition=" + head).body();
    }

    @Test
    void thirtyTwoWritersRacingOnOneProjectLoseNoUpdate() throws Exception {
        String id = newProject("环卫保洁类经费", "818.00");
        ConcurrentLinkedQueue<Integer> refusals = new ConcurrentLinkedQueue<>();
        AtomicInteger accepted = new AtomicInteger();
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(WRITERS);
        List<Future<?>> writers = new ArrayList<>();
        for (int w = 0; w < WRITERS; w++) {
            writers.add(pool.submit(() -> {
                start.await();
                int done = 0;
                while (done < INCREMENTS_EACH) {
                    Api.Response now = api.get(AUDITOR, "/api/v1/projects/" + id);
                    BigDecimal next = new BigDecimal(now.body().get("total").asText()).add(BigDecimal.ONE);
                    Api.Response response = api.post(WRITER, "/api/v1/projects/" + id + "/allocation-revisions",
                            "{\"fundingSource\":\"FISCAL_APPROPRIATION\",\"amount\":\"" + next.toPlainString() + "\",\"reason\":\"加一\"}",
                            Map.of("If-Match", now.headers().firstValue("ETag").orElseThrow()));
                    if (response.status() == 200) {
                        done++;
                        accepted.incrementAndGet();
                    } else {
                        refusals.add(response.status());
                    }
                }
                return null;
            }));
        }
        start.countDown();
        for (Future<?> writer : writers) {
            writer.get(5, TimeUnit.MINUTES);
        }
        pool.shutdown();

        assertThat(accepted).hasValue(WRITERS * INCREMENTS_EACH);
        assertThat(refusals).as("a stale version is a conflict, never a failure").allMatch(status -> status == 409);
        JsonNode trail = trail(id);
        assertThat(new BigDecimal(trail.get("finalValue").asText())).isEqualByComparingTo(new BigDecimal(818 + WRITERS * INCREMENTS_EACH));
        assertThat(trail.get("steps")).hasSize(1 + WRITERS * INCREMENTS_EACH);
        BigDecimal sumOfAcceptedChanges = BigDecimal.ZERO;
        for (int i = 1; i < trail.get("steps").size(); i++) {
            sumOfAcceptedChanges = sumOfAcceptedChanges.add(new BigDecimal(trail.get("steps").get(i).get("delta").asText()));
        }
        assertThat(sumOfAcceptedChanges).isEqualByComparingTo(new BigDecimal(WRITERS * INCREMENTS_EACH));
    }

    @Test
    void aTransferThatFailsHalfWayChangesNeitherSide() {
        String a = newProject("社区办公经费", "5.00");
        String b = newProject("社区党员活动经费", "0.50");
        String first = a.compareTo(b) < 0 ? a : b;
        String second = first.equals(a) ? b : a;
        long events = api.get(OPERATOR, "/api/v1/ops/stats").body().get("events").asLong();

        // the first side written is the giving one; the receiving side is then withdrawn and refuses
        api.post(WRITER, "/api/v1/projects/" + second + "/withdrawal", "{\"reason\":\"撤销\"}");
        long afterWithdrawal = events + 1;
        String fromFirst = "{\"fromProjectId\":\"" + first + "\",\"toProjectId\":\"" + second
                + "\",\"fundingSource\":\"FISCAL_APPROPRIATION\",\"amount\":\"0.25\",\"reason\":\"调剂\"}";
        assertThat(api.post(WRITER, "/api/v1/transfers", fromFirst).status()).isEqualTo(422);
        assertThat(api.get(OPERATOR, "/api/v1/ops/stats").body().get("events").asLong()).isEqualTo(afterWithdrawal);
        assertThat(trail(first).get("steps")).hasSize(1);

        // the first side written is the receiving one; the giving side then holds too little and refuses
        String c = newProject("市财政社区办公经费", "9.89");
        String d = newProject("儿童友好社区经费", "0.10");
        String receiver = c.compareTo(d) < 0 ? c : d;
        String giver = receiver.equals(c) ? d : c;
        BigDecimal held = new BigDecimal(trail(giver).get("finalValue").asText());
        long before = api.get(OPERATOR, "/api/v1/ops/stats").body().get("events").asLong();
        String tooMuch = "{\"fromProjectId\":\"" + giver + "\",\"toProjectId\":\"" + receiver
                + "\",\"fundingSource\":\"FISCAL_APPROPRIATION\",\"amount\":\"" + held.add(BigDecimal.ONE).toPlainString() + "\",\"reason\":\"调剂\"}";
        Api.Response refused = api.post(WRITER, "/api/v1/transfers", tooMuch);
        assertThat(refused.status()).isEqualTo(422);
        assertThat(refused.body().get("field").asText()).isEqualTo("amount");
        assertThat(api.get(OPERATOR, "/api/v1/ops/stats").body().get("events").asLong()).isEqualTo(before);
        assertThat(trail(receiver).get("steps")).hasSize(1);
    }

    @Test
    void aTransferRecordsBothSidesUnderOneId() {
        String from = newProject("街道综合工作经费", "81.95");
        String to = newProject("街道环境综合整治经费", "100.00");
        Api.Response moved = api.post(WRITER, "/api/v1/transfers", "{\"fromProjectId\":\"" + from + "\",\"toProjectId\":\"" + to
                + "\",\"fundingSource\":\"FISCAL_APPROPRIATION\",\"amount\":\"1.95\",\"reason\":\"预算调剂\",\"documentNumber\":\"荔财预〔2025〕12号\"}");
        assertThat(moved.status()).isEqualTo(201);
        String transferId = moved.body().get("transferId").asText();
        assertThat(moved.body().get("from").get("total").asText()).isEqualTo("80.00");
        assertThat(moved.body().get("to").get("total").asText()).isEqualTo("101.95");
        JsonNode given = trail(from).get("steps").get(1);
        JsonNode received = trail(to).get("steps").get(1);
        assertThat(given.get("transferId").asText()).isEqualTo(transferId);
        assertThat(received.get("transferId").asText()).isEqualTo(transferId);
        assertThat(given.get("delta").asText()).isEqualTo("-1.95");
        assertThat(received.get("delta").asText()).isEqualTo("1.95");
        assertThat(given.get("documentNumber").asText()).isEqualTo("荔财预〔2025〕12号");
    }

    /** Transfers name no version: one that loses the race to append is run again whole, never answered 409. */
    @Test
    void transfersRacingOnTheSameProjectsAreAllAccepted() throws Exception {
        String from = newProject("街道综合治理经费", "100.00");
        String to = newProject("街道应急管理经费", "10.00");
        List<Integer> statuses = atOnce(16, i -> api.post(WRITER, "/api/v1/transfers", "{\"fromProjectId\":\"" + (i % 2 == 0 ? from : to)
                + "\",\"toProjectId\":\"" + (i % 2 == 0 ? to : from) + "\",\"fundingSource\":\"FISCAL_APPROPRIATION\",\"amount\":\"1.00\","
                + "\"reason\":\"预算调剂\"}").status());

        assertThat(statuses).as("statuses").containsOnly(201);
        assertThat(trail(from).get("steps")).as("the creation and every transfer").hasSize(1 + 16);
        assertThat(new BigDecimal(trail(from).get("finalValue").asText())).isEqualByComparingTo("100.00");
        assertThat(new BigDecimal(trail(to).get("finalValue").asText())).isEqualByComparingTo("10.00");
    }

    /**
     * Twenty requests register units of a department the ledger has never seen, at
     * once: each is the first event of the department's budget as far as it knows. A
     * request without an Idempotency-Key that loses the race is run again and finds the
     * budget made; one with a key runs in its own transaction and answers 409. None
     * fails.
     */
    @Test
    void twentyRequestsCreatingOneNewDepartmentAtOnceAnswerNoServerError() throws Exception {
        String suffix = UUID.randomUUID().toString();
        String department = "新设部门 " + suffix;
        List<Integer> statuses = atOnce(20, i -> api.post(WRITER, "/api/v1/units", """
                {"department":"%s","fiscalYear":2025,"unit":"单位%d","reason":"新设"}""".formatted(department, i),
                i % 2 == 0 ? Map.of() : Map.of("Idempotency-Key", "new-department-" + suffix + "-" + i)).status());

        assertThat(statuses).as("statuses").allMatch(status -> status == 201 || status == 409);
        List<Integer> unkeyed = new ArrayList<>();
        for (int i = 0; i < statuses.size(); i += 2) {
            unkeyed.add(statuses.get(i));
        }
        assertThat(unkeyed).as("requests without a key are run again").containsOnly(201);
        long registered = statuses.stream().filter(status -> status == 201).count();
        long head = api.get(OPERATOR, "/api/v1/ops/stats").body().get("headPosition").asLong();
        String departmentId = OrganisationIds.departmentId(department, 2025);
        assertThat(api.get(AUDITOR, "/api/v1/departments/" + departmentId + "/units?minPosition=" + head).body())
                .as("one unit for each request answered 201").hasSize((int) registered);
    }

    /**
     * Requests with an idempotency key run in a transaction of their own around the command;
     * one that loaded the project while another's events were not yet committed used to lose
     * the race at the unique index and answer 409 without having named a version.
     */
    @Test
    void keyedRevisionsOfOneProjectAtOnceAreAllAccepted() throws Exception {
        String id = newProject("编外人员聘用经费", "59.84");
        String run = UUID.randomUUID().toString();
        List<Integer> statuses = atOnce(16, i -> api.post(WRITER, "/api/v1/projects/" + id + "/allocation-revisions",
                "{\"fundingSource\":\"OTHER\",\"amount\":\"" + (i + 1) + ".00\",\"reason\":\"调整\"}",
                Map.of("Idempotency-Key", "keyed-race-" + run + "-" + i)).status());

        assertThat(statuses).as("statuses").containsOnly(200);
        assertThat(trail(id).get("steps")).as("the creation and every revision").hasSize(1 + 16);
    }

    private List<Integer> atOnce(int requests, IntFunction<Integer> request) throws Exception {
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(requests);
        List<Future<Integer>> sent = new ArrayList<>();
        for (int i = 0; i < requests; i++) {
            int n = i;
            sent.add(pool.submit(() -> {
                start.await();
                return request.apply(n);
            }));
        }
        start.countDown();
        List<Integer> statuses = new ArrayList<>();
        for (Future<Integer> answer : sent) {
            statuses.add(answer.get(2, TimeUnit.MINUTES));
        }
        pool.shutdown();
        return statuses;
    }
}
