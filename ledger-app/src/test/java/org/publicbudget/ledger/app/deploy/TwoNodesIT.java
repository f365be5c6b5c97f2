package org.publicbudget.ledger.app.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.publicbudget.ledger.app.support.Api;
import org.publicbudget.ledger.app.support.LedgerProcess;
import org.publicbudget.ledger.app.support.TestPostgres;

/**
 * The packaged jar as two nodes — two JVMs — on one PostgreSQL, configured only
 * through environment variables, as docker/compose.yaml runs them. Either node takes
 * any request: idempotency keys, conflicts and read models are shared through the
 * database, and when one node is killed the other carries on with its work.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class TwoNodesIT {

    private final TestPostgres.Database database = TestPostgres.freshSchema();
    private final LedgerProcess nodeA = new LedgerProcess(database, "node-a");
    private final LedgerProcess nodeB = new LedgerProcess(database, "node-b");
    private Api a;
    private Api b;

    @BeforeAll
    void startTwoNodes() {
        a = nodeA.start().api();
        b = nodeB.start().api();
    }

    @AfterAll
    void stop() {
        nodeA.kill();
        nodeB.kill();
    }

    private Set<String> claimOwners() throws SQLException {
        Set<String> owners = new HashSet<>();
        try (Connection connection = DriverManager.getConnection(database.url(), database.user(), database.password());
                ResultSet rows = connection.createStatement().executeQuery("SELECT owner FROM tokenentry WHERE owner IS NOT NULL")) {
            while (rows.next()) {
                owners.add(rows.getString(1));
            }
        }
        return owners;
    }

    /**
     * Within one node, commands on one project queue for it; across nodes they race to
     * append, and the loser hits the unique index. A writer that named no version gets
     * its command run again rather than a 409.
     */
    private void writersOnBothNodesNamingNoVersionAreNotRefusedForLosingARace() throws Exception {
        String id = a.post("treasury", "/api/v1/projects", """
                {"department":"两节点","fiscalYear":2025,"unit":"街道办事处","name":"社区治理经费","allocations":{"OTHER":"1.00"}}""")
                .body().get("projectId").asText();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<List<Integer>>> writers = new ArrayList<>();
        for (int w = 0; w < 8; w++) {
            Api node = w % 2 == 0 ? a : b;
            int writer = w;
            writers.add(pool.submit(() -> {
                start.await();
                List<Integer> statuses = new ArrayList<>();
                for (int k = 0; k < 5; k++) {
                    statuses.add(node.post("treasury", "/api/v1/projects/" + id + "/allocation-revisions",
                            "{\"fundingSource\":\"OTHER\",\"amount\":\"" + (100 + writer * 10 + k) + ".00\",\"reason\":\"并发\"}").status());
                }
                return statuses;
            }));
        }
        start.countDown();
        for (Future<List<Integer>> writer : writers) {
            assertThat(writer.get(2, TimeUnit.MINUTES)).containsOnly(200);
        }
        pool.shutdown();
        long head = a.get("ops", "/api/v1/ops/stats").body().get("headPosition").asLong();
        assertThat(a.get("audit-office", "/api/v1/projects/" + id + "/trail?minPosition=" + head).body().get("steps")).hasSize(1 + 8 * 5);
    }

    /**
     * A node caches a project when its command ends, which inside a transfer is before
     * the database commits. Here the transfer's receiving side is refused, so the giving
     * side's event is rolled back; the other node then appends an event with the same
     * sequence number. The first node's next command must start from what the store
     * holds, not from the transfer it once had in memory.
     */
    @Test
    @Order(1)
    void aTransferRolledBackOnOneNodeLeavesNoPhantomProjectForItsNextCommand() {
        String[] ids = {create("调剂甲", "100.00"), create("调剂乙", "100.00")};
        Arrays.sort(ids);
        String giver = ids[0];
        String withdrawn = ids[1];
        assertThat(a.post("treasury", "/api/v1/projects/" + withdrawn + "/withdrawal", "{\"reason\":\"撤销\"}").status()).isEqualTo(200);

        // the giving side sorts first, so node A applies it before the receiving side is refused
        Api.Response refused = a.post("treasury", "/api/v1/transfers", "{\"fromProjectId\":\"" + giver + "\",\"toProjectId\":\"" + withdrawn
                + "\",\"fundingSource\":\"OTHER\",\"amount\":\"40.00\",\"reason\":\"调剂\"}");
        assertThat(refused.status()).as(refused.body().toString()).isBetween(400, 499);

        String revision = "{\"fundingSource\":\"OTHER\",\"amount\":\"%s\",\"reason\":\"年中调整\"}";
        Api.Response onB = b.post("treasury", "/api/v1/projects/" + giver + "/allocation-revisions", revision.formatted("120.00"),
                Map.of("If-Match", "\"0\""));
        assertThat(onB.status()).isEqualTo(200);
        assertThat(onB.body().get("version").asLong()).as("node B's event takes the rolled-back event's number").isEqualTo(1);

        Api.Response onA = a.post("treasury", "/api/v1/projects/" + giver + "/allocation-revisions", revision.formatted("130.00"));
        assertThat(onA.status()).isEqualTo(200);
        assertThat(onA.body().get("version").asLong()).isEqualTo(2);
        // from the rolled-back transfer, node A would record this revision as starting at 60.00, where the project never stood
        Api.Response trail = a.get("audit-office", "/api/v1/projects/" + giver + "/trail?fundingSource=OTHER&minPosition="
                + onA.body().get("position").asLong());
        assertThat(trail.body().get("steps").findValuesAsText("before")).containsExactly("0.00", "100.00", "120.00");
        assertThat(trail.body().get("consistent").asBoolean()).as("each recorded change starts where the last ended").isTrue();
    }

    private String create(String name, String amount) {
        Api.Response created = a.post("treasury", "/api/v1/projects", """
                {"department":"两节点调剂","fiscalYear":2025,"unit":"街道办事处","name":"%s","allocations":{"OTHER":"%s"}}"""
                .formatted(name, amount));
        assertThat(created.status()).isEqualTo(201);
        return created.body().get("projectId").asText();
    }

    /**
     * 32 payments of 0.50 from 10.00, half sent to each node at once: exactly 20 are paid
     * and 12 refused with the balance left, whichever node took them and however their
     * appends raced; what the project spent never passes what it was given.
     */
    @Test
    @Order(2)
    void thirtyTwoPaymentsOnTwoNodesNeverSpendMoreThanTheAllocation() throws Exception {
        String id = create("并发支付", "10.00");
        ExecutorService pool = Executors.newFixedThreadPool(32);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Api.Response>> payments = new ArrayList<>();
        for (int p = 0; p < 32; p++) {
            Api node = p % 2 == 0 ? a : b;
            int payment = p;
            payments.add(pool.submit(() -> {
                start.await();
                return node.post("treasury", "/api/v1/projects/" + id + "/expenditures", """
                        {"fundingSource":"OTHER","amount":"0.50","paidOn":"2025-06-30","voucherNo":"记-%d","reason":"并发支付"}"""
                        .formatted(payment));
            }));
        }
        start.countDown();
        int paid = 0;
        for (Future<Api.Response> payment : payments) {
            Api.Response answer = payment.get(2, TimeUnit.MINUTES);
            if (answer.status() == 201) {
                paid++;
            } else {
                assertThat(answer.status()).as(answer.body().toString()).isEqualTo(422);
                assertThat(answer.body().get("field").asText()).isEqualTo("amount");
            }
        }
        pool.shutdown();
        assertThat(paid).isEqualTo(20);
        Api.Response project = b.get("audit-office", "/api/v1/projects/" + id);
        assertThat(project.body().get("spent").asText()).isEqualTo("10.00");
        assertThat(project.body().get("available").asText()).isEqualTo("0.00");
        assertThat(project.body().get("version").asLong()).isEqualTo(20);
        Api.Response trail = a.get("audit-office", "/api/v1/projects/" + id + "/trail?figure=spent&fundingSource=OTHER&minPosition="
                + a.get("ops", "/api/v1/ops/stats").body().get("headPosition").asLong());
        assertThat(trail.body().get("steps")).hasSize(20);
        assertThat(trail.body().get("steps").findValuesAsText("after")).allMatch(after -> new java.math.BigDecimal(after)
                .compareTo(java.math.BigDecimal.TEN) <= 0);
        assertThat(trail.body().get("consistent").asBoolean()).isTrue();
    }

    @Test
    @Order(3)
    void eitherNodeTakesAnyRequestAndOneCarriesOnWhenTheOtherIsKilled() throws Exception {
        String create = """
                {"department":"两节点","fiscalYear":2025,"unit":"街道办事处","name":"编外人员聘用经费","allocations":{"FISCAL_APPROPRIATION":"59.84"}}""";
        Api.Response created = a.post("treasury", "/api/v1/projects", create, Map.of("Idempotency-Key", "two-nodes-1"));
        assertThat(created.status()).isEqualTo(201);
        String id = created.body().get("projectId").asText();
        Api.Response replayed = b.post("treasury", "/api/v1/projects", create, Map.of("Idempotency-Key", "two-nodes-1"));
        assertThat(replayed.status()).isEqualTo(201);
        assertThat(replayed.body().get("projectId").asText()).as("a retry on the other node gets the first answer").isEqualTo(id);

        String revision = "{\"fundingSource\":\"FISCAL_APPROPRIATION\",\"amount\":\"%s\",\"reason\":\"年中调整\"}";
        assertThat(b.post("treasury", "/api/v1/projects/" + id + "/allocation-revisions", revision.formatted("61.00"),
                Map.of("If-Match", "\"0\"")).status()).isEqualTo(200);
        assertThat(a.post("treasury", "/api/v1/projects/" + id + "/allocation-revisions", revision.formatted("62.00"),
                Map.of("If-Match", "\"0\"")).status()).as("the other node's change is seen: a stale version is a conflict").isEqualTo(409);

        await().atMost(Duration.ofSeconds(30)).until(() -> {
            Api.Response read = a.get("audit-office", "/api/v1/projects/" + id);
            return read.status() == 200 && read.body().get("total").asText().equals("61.00");
        });
        assertThat(claimOwners()).isNotEmpty().isSubsetOf("node-a", "node-b");
        writersOnBothNodesNamingNoVersionAreNotRefusedForLosingARace();

        nodeA.kill();
        assertThat(b.post("treasury", "/api/v1/projects/" + id + "/allocation-revisions", revision.formatted("63.00"),
                Map.of("If-Match", "\"1\"")).status()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(60)).until(() -> {
            Api.Response read = b.get("audit-office", "/api/v1/projects/" + id);
            return read.status() == 200 && read.body().get("total").asText().equals("63.00");
        });
        await().atMost(Duration.ofSeconds(30)).until(() -> claimOwners().equals(Set.of("node-b")));
    }
}
