package org.publicbudget.ledger.app.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
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
import org.publicbudget.ledger.app.support.TestPostgres;

/**
 * Under a steady command load the node is killed with kill -9 five times and started
 * again. Clients retry each command with its Idempotency-Key until it is answered.
 * Afterwards every acknowledged command is in the store exactly once, nothing else
 * is, and the read models equal a recomputation from the events.
 */
class CrashIT {

    private static final int CLIENTS = 4;
    private static final int KILLS = 5;

    @Test
    void killedFiveTimesUnderLoadItLosesAndDuplicatesNothing() throws Exception {
        TestPostgres.Database database = TestPostgres.freshSchema();
        LedgerProcess node = new LedgerProcess(database, "crash").start();
        Api api = node.api();
        AtomicBoolean running = new AtomicBoolean(true);
        Map<String, String> acknowledged = new ConcurrentHashMap<>();
        ConcurrentLinkedQueue<Integer> statuses = new ConcurrentLinkedQueue<>();
        ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
        List<Future<?>> load = new ArrayList<>();
        for (int c = 0; c < CLIENTS; c++) {
            int client = c;
            load.add(clients.submit(() -> {
                for (int n = 0; running.get(); n++) {
                    String key = "crash-" + client + "-" + n;
                    String body = "{\"department\":\"宕机\",\"fiscalYear\":2025,\"unit\":\"街道办事处\",\"name\":\"" + key
                            + "\",\"allocations\":{\"FISCAL_APPROPRIATION\":\"1.00\"}}";
                    while (true) {
                        try {
                            Api.Response response = api.post("treasury", "/api/v1/projects", body, Map.of("Idempotency-Key", key));
                            statuses.add(response.status());
                            if (response.status() == 201) {
                                acknowledged.put(key, response.body().get("projectId").asText());
                                break;
                            }
                        } catch (IllegalStateException refused) {
                            // the node is down: the client waits and sends the same command again
                        }
                        Thread.sleep(200);
                    }
                }
                return null;
            }));
        }
        for (int kill = 0; kill < KILLS; kill++) {
            Thread.sleep(1500);
            node.kill();
            node.start();
        }
        Thread.sleep(1000);
        running.set(false);
        for (Future<?> client : load) {
            client.get(3, TimeUnit.MINUTES);
        }
        clients.shutdown();

        assertThat(acknowledged).hasSizeGreaterThan(20);
        assertThat(statuses).as("no 5xx other than 503 while the node was starting").allMatch(s -> s < 500 || s == 503);
        assertThat(Set.copyOf(acknowledged.values())).hasSize(acknowledged.size());
        try (Connection connection = DriverManager.getConnection(database.url(), database.user(), database.password());
                ResultSet rows = connection.createStatement().executeQuery(
                        "SELECT COUNT(*) FROM domainevententry WHERE payloadType LIKE '%ProjectCreated'")) {
            rows.next();
            assertThat(rows.getLong(1)).as("every acknowledged command exactly once, nothing else").isEqualTo(acknowledged.size());
        }
        JsonNode verification = FullVerification.run(api, "ops");
        assertThat(verification.get("chainIntact").asBoolean()).as(verification.toString()).isTrue();
        assertThat(verification.get("readModelsMatch").asBoolean()).as(verification.toString()).isTrue();
        System.out.printf("RELIABILITY crash: %d kill -9 restarts under %d clients, %d commands acknowledged, %d events, 0 lost, 0 duplicated%n",
                KILLS, CLIENTS, acknowledged.size(), verification.get("eventsChecked").asLong());
        node.kill();
    }
}
