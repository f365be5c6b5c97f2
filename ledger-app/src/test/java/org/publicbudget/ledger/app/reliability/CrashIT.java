package org.publicbudget.ledger.app.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.publicbudget.ledger.app.support.Api;
import org.publicbudget.ledger.app.support.FullVerification;
import org.publicbudget.ledger.app.support.LedgerProcess;
import org.publicbudget.ledger.app.support.RetryingWriters;
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
        RetryingWriters writers = RetryingWriters.start(api, CLIENTS, "宕机", "crash");
        for (int kill = 0; kill < KILLS; kill++) {
            Thread.sleep(1500);
            node.kill();
            node.start();
        }
        Thread.sleep(1000);
        writers.stop();
        Map<String, String> acknowledged = writers.acknowledged();

        assertThat(acknowledged).hasSizeGreaterThan(20);
        assertThat(writers.statuses()).as("no 5xx other than 503 while the node was starting").allMatch(s -> s < 500 || s == 503);
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
