package org.publicbudget.ledger.app.observability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.trace.v1.Span;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.publicbudget.ledger.app.support.Api;
import org.publicbudget.ledger.app.support.TestDeployment;
import org.publicbudget.ledger.app.support.TestPostgres;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * One trace from the HTTP request through the command and its append to the read
 * model's handling of its events, exported over OTLP to a receiver in this test, with the
 * correlation and request ids on the command's span.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {"ledger.seed.enabled=false",
    "management.tracing.enabled=true", "management.tracing.sampling.probability=1.0"})
@AutoConfigureObservability
class TracingTest {

    private static final TestPostgres.Database DATABASE = TestPostgres.freshSchema();
    private static final OtlpReceiver RECEIVER = receiver();

    @LocalServerPort
    int port;

    @DynamicPropertySource
    static void deployment(DynamicPropertyRegistry registry) {
        TestDeployment.configure(registry, DATABASE, DATABASE::url);
        registry.add("management.otlp.tracing.endpoint", RECEIVER::endpoint);
    }

    private static OtlpReceiver receiver() {
        try {
            return new OtlpReceiver();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @AfterAll
    static void stopReceiver() {
        RECEIVER.close();
    }

    @Test
    void aRevisionIsOneTraceFromTheRequestToTheProjection() {
        Api api = new Api(port, TestDeployment.PASSWORDS);
        Api.Response created = api.post(TestDeployment.WRITER, "/api/v1/projects", """
                {"department":"Traces %s","fiscalYear":2049,"unit":"街道办事处","name":"帮扶工作经费","goal":"",
                 "allocations":{"FISCAL_APPROPRIATION":"5.00"}}""".formatted(UUID.randomUUID()));
        assertThat(created.status()).isEqualTo(201);
        String correlationId = "adjustment-" + UUID.randomUUID();
        Api.Response revised = api.post(TestDeployment.WRITER, "/api/v1/projects/" + created.body().get("projectId").asText()
                        + "/allocation-revisions", "{\"fundingSource\":\"FISCAL_APPROPRIATION\",\"amount\":\"6.50\",\"reason\":\"追加\"}",
                Map.of("X-Correlation-Id", correlationId, "X-Request-Id", "request-42"));
        assertThat(revised.status()).isEqualTo(200);

        Span command = await().atMost(Duration.ofSeconds(30)).until(() -> spanWith("command", "correlation.id", correlationId),
                Optional::isPresent)
                .orElseThrow();
        assertThat(attribute(command, "command")).hasValue("ReviseAllocation");
        assertThat(attribute(command, "request.id")).hasValue("request-42");
        assertThat(attribute(command, "outcome")).hasValue("accepted");

        Span projection = await().atMost(Duration.ofSeconds(30)).until(() -> child(command, "projection totals"), Optional::isPresent)
                .orElseThrow();
        assertThat(attribute(projection, "event")).hasValue("AllocationRevised");
        assertThat(attribute(projection, "correlation.id")).hasValue(correlationId);
        Span append = await().atMost(Duration.ofSeconds(30)).until(() -> child(command, "append"), Optional::isPresent)
                .orElseThrow();
        assertThat(append.getTraceId()).isEqualTo(command.getTraceId());

        Span request = RECEIVER.spans().stream().filter(s -> s.getSpanId().equals(command.getParentSpanId())).findFirst().orElseThrow();
        assertThat(request.getName()).startsWith("http post").contains("allocation-revisions");
        assertThat(request.getKind()).isEqualTo(Span.SpanKind.SPAN_KIND_SERVER);
        assertThat(List.of(request.getTraceId(), projection.getTraceId())).containsOnly(command.getTraceId());
        assertThat(RECEIVER.spans()).as("the ledger's own scheduled work is not traced").noneMatch(s -> s.getName().startsWith("task "));
    }

    private static Optional<Span> spanWith(String name, String key, String value) {
        return RECEIVER.spans().stream().filter(s -> s.getName().equals(name) && attribute(s, key).filter(value::equals).isPresent())
                .findFirst();
    }

    private static Optional<Span> child(Span parent, String name) {
        return RECEIVER.spans().stream().filter(s -> s.getParentSpanId().equals(parent.getSpanId()) && s.getName().equals(name)).findFirst();
    }

    private static Optional<String> attribute(Span span, String key) {
        return span.getAttributesList().stream().filter(a -> a.getKey().equals(key)).map(KeyValue::getValue).map(v -> v.getStringValue())
                .findFirst();
    }
}
