package org.publicbudget.ledger.app.replication;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.publicbudget.ledger.app.support.Api;
import org.publicbudget.ledger.app.support.FullVerification;
import org.publicbudget.ledger.app.support.LedgerProcess;
import org.publicbudget.ledger.app.support.RetryingWriters;
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
                RetryingWriters writers = RetryingWriters.start(api, CLIENTS, "切换", "failover");
                Thread.sleep(3000);
                long lost = System.nanoTime();
                pair.losePrimary();
                pair.promoteStandby();
                long promoted = System.nanoTime();
                long resumed = await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(50))
                        .until(() -> writers.firstAcknowledgedAfter(promoted), java.util.Objects::nonNull);
                Thread.sleep(3000);
                writers.stop();
                Map<String, String> acknowledged = writers.acknowledged();

                double seconds = (resumed - lost) / 1e9;
                assertThat(seconds).as("writes resume within 30 s of the primary's loss").isLessThan(30);
                assertThat(writers.statuses()).as("no 5xx other than 503 while the primary was away").allMatch(s -> s < 500 || s == 503);
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
