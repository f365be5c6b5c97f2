package org.publicbudget.ledger.app.replication;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.publicbudget.ledger.app.support.Api;
import org.publicbudget.ledger.app.support.LedgerProcess;
import org.publicbudget.ledger.app.support.StandbyPair;

/**
 * A node with {@code LEDGER_REPLICA_URL}, on a primary and a streaming standby of the
 * test's own: auditors' reads are served by the standby; a client reads its own writes
 * through it with {@code minPosition}, and through the primary when the standby is too
 * far behind; with the primary lost, reads go on from the standby, labelled, and writes
 * are refused with 503.
 */
class StandbyReadsIT {

    private static final String DEPARTMENT = "备用库";

    @Test
    void auditorsReadFromTheStandbyTheirOwnWritesIncludedAndGoOnWhenThePrimaryIsLost() throws Exception {
        try (StandbyPair pair = StandbyPair.start(false)) {
            LedgerProcess node = new LedgerProcess(pair.database(), "standby-reads").with(Map.of("LEDGER_REPLICA_URL", pair.standbyUrl()))
                    .start();
            try {
                Api api = node.api();
                Api.Response created = api.post("treasury", "/api/v1/projects", """
                        {"department":"%s","fiscalYear":2025,"unit":"街道办事处","name":"社区服务经费","allocations":{"FISCAL_APPROPRIATION":"100.00"}}"""
                        .formatted(DEPARTMENT));
                assertThat(created.status()).as(created.body().toString()).isEqualTo(201);
                String project = created.body().get("projectId").asText();

                // served by the standby, and the standby shows the ledger's connections
                Api.Response departments = api.get("audit-office", "/api/v1/departments?minPosition=" + position(created));
                assertThat(departments.status()).isEqualTo(200);
                assertThat(departments.headers().firstValue("Ledger-Read-From")).hasValue("replica");
                assertThat(departments.headers().firstValue("Ledger-Replica-Lag")).isPresent();
                assertThat(departments.body().findValuesAsText("name")).contains(DEPARTMENT);
                assertThat(ledgerConnections(pair.standbyUrl())).as("the ledger's connections on the standby").isPositive();

                // read-your-writes through a standby that applies 700 ms late: the read waits there
                pair.delayStandby(Duration.ofMillis(700));
                Api.Response revised = revise(api, project, "120.00");
                Api.Response trail = api.get("audit-office", "/api/v1/projects/" + project + "/trail?minPosition=" + position(revised));
                assertThat(trail.status()).isEqualTo(200);
                assertThat(trail.headers().firstValue("Ledger-Read-From")).hasValue("replica");
                assertThat(trail.body().toString()).contains("120");

                // three seconds late, past the second a read waits on the standby: the primary answers
                pair.delayStandby(Duration.ofSeconds(3));
                revised = revise(api, project, "130.00");
                trail = api.get("audit-office", "/api/v1/projects/" + project + "/trail?minPosition=" + position(revised));
                assertThat(trail.status()).isEqualTo(200);
                assertThat(trail.headers().firstValue("Ledger-Read-From")).hasValue("primary");
                assertThat(trail.headers().firstValue("Ledger-Replica-Lag")).isEmpty();
                assertThat(trail.body().toString()).contains("130");
                Api.Response read = api.get("audit-office", "/api/v1/projects/" + project);
                assertThat(read.body().get("version").asLong()).as("a project's newest version, without minPosition").isEqualTo(2);

                // caught up again, then the primary is lost
                pair.delayStandby(Duration.ZERO);
                long last = position(revised);
                await().atMost(Duration.ofSeconds(20)).until(() -> api.get("audit-office", "/api/v1/departments?minPosition=" + last)
                        .headers().firstValue("Ledger-Read-From").orElse("").equals("replica"));
                pair.losePrimary();
                await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(200))
                        .until(() -> api.get(null, "/actuator/health/writes").status() == 503);
                Api.Response readiness = api.get(null, "/actuator/health/readiness");
                assertThat(readiness.status()).as("still ready for reads").isEqualTo(200);
                assertThat(readiness.body().get("status").asText()).isEqualTo("READ_ONLY");

                int served = 0;
                for (int i = 0; i < 10; i++) {
                    Api.Response during = api.get("audit-office", i % 2 == 0 ? "/api/v1/departments" : "/api/v1/projects/" + project + "/trail");
                    if (during.status() == 200 && during.headers().firstValue("Ledger-Read-From").orElse("").equals("replica")) {
                        served++;
                    }
                    assertThat(during.headers().firstValue("Ledger-Replica-Lag")).isPresent();
                    assertThat(Long.parseLong(during.headers().firstValue("Ledger-Replica-Position").orElseThrow()))
                            .isGreaterThanOrEqualTo(last);
                }
                assertThat(served).as("auditors' reads served with the primary lost").isEqualTo(10);
                Api.Response minimum = api.get("audit-office", "/api/v1/departments?minPosition=" + last);
                assertThat(minimum.status()).as("a position the standby holds").isEqualTo(200);

                Api.Response write = revise(api, project, "140.00");
                assertThat(write.status()).isEqualTo(503);
                assertThat(write.headers().firstValue("Retry-After")).isPresent();
                assertThat(write.contentType()).startsWith("application/problem+json");
                assertThat(write.body().get("errors").get(0).get("reason").asText()).isEqualTo("primary database away");
                Api.Response operators = api.get("ops", "/api/v1/ops/processors");
                assertThat(operators.status()).isEqualTo(503);
                assertThat(operators.body().get("detail").asText()).contains("primary database is away");
            } finally {
                node.kill();
            }
        }
    }

    private static Api.Response revise(Api api, String project, String amount) {
        return api.post("treasury", "/api/v1/projects/" + project + "/allocation-revisions",
                "{\"fundingSource\":\"FISCAL_APPROPRIATION\",\"amount\":\"" + amount + "\",\"reason\":\"追加\"}");
    }

    private static long position(Api.Response written) {
        return Long.parseLong(written.headers().firstValue("Ledger-Position").orElseThrow());
    }

    private static long ledgerConnections(String url) throws Exception {
        try (Connection connection = DriverManager.getConnection(url, "postgres", "");
                ResultSet row = connection.createStatement().executeQuery(
                        "SELECT count(*) FROM pg_stat_activity WHERE application_name = 'budget-ledger'")) {
            row.next();
            return row.getLong(1);
        }
    }
}
