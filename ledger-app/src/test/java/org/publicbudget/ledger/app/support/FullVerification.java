package org.publicbudget.ledger.app.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;

/** An operator's full verification over HTTP: asked for, followed to its end; its report. */
public final class FullVerification {

    private FullVerification() {
    }

    public static JsonNode run(Api api, String operator) {
        Api.Response asked = api.post(operator, "/api/v1/ops/verifications", "{\"reason\":\"audit\"}");
        assertThat(asked.status()).as(asked.body().toString()).isEqualTo(202);
        String location = asked.headers().firstValue("Location").orElseThrow();
        JsonNode run = await().atMost(Duration.ofMinutes(5)).pollInterval(Duration.ofMillis(200))
                .until(() -> api.get(operator, location).body(), body -> body.get("state").asText().matches("DONE|FAILED"));
        assertThat(run.get("state").asText()).as(run.toString()).isEqualTo("DONE");
        assertThat(run.get("eventsDone").asLong()).as("progress was recorded").isPositive();
        return run.get("report");
    }
}
