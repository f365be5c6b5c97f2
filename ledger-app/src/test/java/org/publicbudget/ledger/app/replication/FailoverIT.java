package org.publicbudget.ledger.app.replication;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.publicbudget.ledger.app.support.Api;
import org.publicbudget.ledger.app.support.FullVerification;
import org.publicbudget.ledger.app.support.LedgerProcess;
import org.publicbudget.ledger.app.support.StandbyPair;

/**
 * Under a steady command load the primary is lost as in a crash and its synchronous
 * standby promoted, as an operator would (docs/operations.md). The node, given both
 * hosts, takes writes again on the new primary without a restart; clients retry each
 * command with its Idempotency-Key until it is answered. Afterwards every acknowledged
 * command is in the store exactly once, nothing else is, the chain is intact and the
 * read models — projected again on the new primary — equal a recomputation from the events.
 */
class FailoverIT {

    private static final int CLIENTS = 4;

    @Test
    void losingThePrimaryUnderLoadLosesNoAcknowledgedCommand() throws Exception {
        try (StandbyPair pair = StandbyPair.start(true)) {
            LedgerProcess node = new LedgerProcess(pair.database(), "failover").with(Map.of("LEDGER_REPLICA_URL", pair.standbyUrl())).start();
            try {
                Api api = node.api();
                AtomicBoolean running = new AtomicBoolean(true);
                Map<String, String> acknowledged = new ConcurrentHashMap<>();
                ConcurrentLinkedQueue<Long> acknowledgedAt = new ConcurrentLinkedQueue<>();
                ConcurrentLinkedQueue<Integer> statuses = new ConcurrentLinkedQueue<>();
                ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
                List<Future<?>> load = new ArrayList<>();
                for (int c = 0; c < CLIENTS; c++) {
                    int client = c;
                    load.add(clients.submit(() -> {
                        for (int n = 0; running.get(); n++) {
                            String key = "failover-" + client + "-" + n;
                            String body = "{\"department\":\"切换\",\"fiscalYear\":2025,\"unit\":\"街道办事处\",\"name\":\"" + key
                                    + "\",\"allocations\":{\"FISCAL_APPROPRIATION\":\"1.00\"}}";
                            while (true) {
                                Api.Response response = api.post("treasury", "/api/v1/projects", body, Map.of("Idempotency-Key", key));
                                statuses.add(response.status());
                                if (response.status() == 201) {
                                    acknowledged.put(key, response.body().get("projectId").asText());
                                    acknowledgedAt.add(System.nanoTime());
                                    break;
                                }
                                Thread.sleep(200);
                            }
                        }
                        return null;
                    }));
                }
                Thread.sleep(3000);
                long lost = System.nanoTime();
                pair.losePrimary();
                pair.promoteStandby();
                long promoted = System.nanoTime();
                await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(50))
                        .until(() -> acknowledgedAt.stream().anyMatch(at -> at > promoted));
                long resumed = acknowledgedAt.stream().filter(at -> at > promoted).min(Long::compare).orElseThrow();
                Thread.sleep(3000);
                running.set(false);
                for (Future<?> client : load) {
                    client.get(2, TimeUnit.MINUTES);
                }
                clients.shutdown();

                double seconds = (resumed - lost) / 1e9;
                assertThat(seconds).as("writes resume within 30 s of the primary's loss").isLessThan(30);
                assertThat(statuses).as("no 5xx other than 503 while the primary was away").allMatch(s -> s < 500 || s == 503);
                assertThat(Set.copyOf(acknowledged.values())).hasSize(acknowledged.size());
                try (Connection connection = DriverManager.getConnection(pair.standbyUrl(), "postgres", "");
                        ResultSet rows = connection.createStatement().executeQuery(
                                "SELECT COUNT(*) FROM domainevententry WHERE payloadType LIKE '%ProjectCreated'")) {
                    rows.next();
                    assertThat(rows.getLong(1)).as("every acknowledged command exactly once, nothing else").isEqualTo(acknowledged.size());
                }

                // the processors, the signals between nodes and the verification schedule came back on the new primary
                Api.Response after = api.post("treasury", "/api/v1/projects", """
                        {"department":"切换","fiscalYear":2025,"unit":"街道办事处","name":"切换之后","allocations":{"FISCAL_APPROPRIATION":"2.00"}}""");
                assertThat(after.status()).isEqualTo(201);
                String position = after.headers().firstValue("Ledger-Position").orElseThrow();
                JsonNode department = await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500))
                        .until(() -> api.get("audit-office", "/api/v1/departments?minPosition=" + position),
                                read -> read.status() == 200).body();
                assertThat(department.toString()).contains("切换");
                JsonNode verification = FullVerification.run(api, "ops");
                assertThat(verification.get("chainIntact").asBoolean()).as(verification.toString()).isTrue();
                assertThat(verification.get("readModelsMatch").asBoolean()).as(verification.toString()).isTrue();
                System.out.printf("RELIABILITY failover: primary lost under %d clients, writes resumed %.1f s later, %d commands acknowledged,"
                        + " 0 lost, 0 duplicated%n", CLIENTS, seconds, acknowledged.size());
            } finally {
                node.kill();
            }
        }
    }
}
