package org.publicbudget.ledger.app.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.publicbudget.ledger.app.support.Api;
import org.publicbudget.ledger.app.support.PostgresApiTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/** Refusals a client can provoke at will are answered, not logged with stack traces that would let it flood the logs. */
@ExtendWith(OutputCaptureExtension.class)
class QuietRefusalsTest extends PostgresApiTest {

    @Test
    void expectedRefusalsLeaveNoStackTrace(CapturedOutput output) {
        Api.Response created = api.post(WRITER, "/api/v1/projects", """
                {"department":"Quiet %s","fiscalYear":2025,"unit":"街道办事处","name":"帮扶工作经费","allocations":{"OTHER":"5.00"}}"""
                .formatted(UUID.randomUUID()));
        String revisions = "/api/v1/projects/" + created.body().get("projectId").asText() + "/allocation-revisions";
        int before = output.getAll().length();

        assertThat(api.post(WRITER, "/api/v1/projects/" + UUID.randomUUID() + "/allocation-revisions",
                "{\"fundingSource\":\"OTHER\",\"amount\":\"1\",\"reason\":\"r\"}").status()).isEqualTo(404);
        assertThat(api.get(AUDITOR, "/api/v1/projects/" + UUID.randomUUID()).status()).isEqualTo(404);
        assertThat(api.post(WRITER, revisions, "{\"fundingSource\":\"OTHER\",\"amount\":\"1\",\"reason\":\"r\",\"expectedVersion\":7}")
                .status()).isEqualTo(409);
        assertThat(api.post(WRITER, revisions, "{\"fundingSource\":\"OTHER\",\"amount\":\"5.00\",\"reason\":\"r\"}").status()).isEqualTo(422);

        String logged = output.getAll().substring(before);
        assertThat(logged).as("log lines of the refusals").doesNotContain("\tat ").doesNotContain("Exception");
    }
}
