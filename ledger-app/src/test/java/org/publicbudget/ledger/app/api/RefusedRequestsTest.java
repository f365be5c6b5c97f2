package org.publicbudget.ledger.app.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.publicbudget.ledger.app.reads.Moments;
import org.publicbudget.ledger.app.support.Api;
import org.publicbudget.ledger.app.support.PostgresApiTest;

/** Every refusal is problem+json with the right status and field, and leaves the event store exactly as it was. */
class RefusedRequestsTest extends PostgresApiTest {

    private static final String PROJECT = "{project}";
    private String projectId;

    @BeforeEach
    void aProjectToAim() {
        Api.Response created = api.post(WRITER, "/api/v1/projects", """
                {"department":"Refusals %s","fiscalYear":2025,"unit":"街道办事处","name":"帮扶工作经费","goal":"",
                 "allocations":{"FISCAL_APPROPRIATION":"5.00"}}""".formatted(UUID.randomUUID()));
        assertThat(created.status()).isEqualTo(201);
        projectId = created.body().get("projectId").asText();
        api.post(WRITER, "/api/v1/projects/" + projectId + "/indicators", """
                {"level1":"1","level2":"11","name":"调研次数","periodTarget":"2次","annualTarget":"2次"}""");
    }

    static Stream<Arguments> refusals() {
        String revisions = "/api/v1/projects/" + PROJECT + "/allocation-revisions";
        String indicators = "/api/v1/projects/" + PROJECT + "/indicators";
        return Stream.of(
                Arguments.of("no credentials", null, revisions, "{\"fundingSource\":\"OTHER\",\"amount\":\"1\",\"reason\":\"r\"}", 401, null),
                Arguments.of("an auditor writing", AUDITOR, revisions, "{\"fundingSource\":\"OTHER\",\"amount\":\"1\",\"reason\":\"r\"}", 403, null),
                Arguments.of("an operator writing", OPERATOR, revisions, "{\"fundingSource\":\"OTHER\",\"amount\":\"1\",\"reason\":\"r\"}", 403, null),
                Arguments.of("two decimal points", WRITER, revisions, "{\"fundingSource\":\"OTHER\",\"amount\":\"12.3.4\",\"reason\":\"r\"}", 400, "amount"),
                Arguments.of("a negative amount", WRITER, revisions, "{\"fundingSource\":\"OTHER\",\"amount\":\"-1\",\"reason\":\"r\"}", 400, "amount"),
                Arguments.of("a negative JSON number", WRITER, revisions, "{\"fundingSource\":\"OTHER\",\"amount\":-1,\"reason\":\"r\"}", 400, "amount"),
                Arguments.of("an exponent", WRITER, revisions, "{\"fundingSource\":\"OTHER\",\"amount\":\"1e3\",\"reason\":\"r\"}", 400, "amount"),
                Arguments.of("seven decimals", WRITER, revisions, "{\"fundingSource\":\"OTHER\",\"amount\":\"1.0000001\",\"reason\":\"r\"}", 400, "amount"),
                Arguments.of("NaN", WRITER, revisions, "{\"fundingSource\":\"OTHER\",\"amount\":\"NaN\",\"reason\":\"r\"}", 400, "amount"),
                Arguments.of("a huge amount", WRITER, revisions, "{\"fundingSource\":\"OTHER\",\"amount\":\"99999999999999\",\"reason\":\"r\"}", 400, "amount"),
                Arguments.of("no reason", WRITER, revisions, "{\"fundingSource\":\"OTHER\",\"amount\":\"1\"}", 400, "reason"),
                Arguments.of("a blank reason", WRITER, revisions, "{\"fundingSource\":\"OTHER\",\"amount\":\"1\",\"reason\":\"  \"}", 400, "reason"),
                Arguments.of("an unknown funding source", WRITER, revisions, "{\"fundingSource\":\"GOLD\",\"amount\":\"1\",\"reason\":\"r\"}", 400, "fundingSource"),
                Arguments.of("an unknown field", WRITER, revisions, "{\"fundingSource\":\"OTHER\",\"ammount\":\"1\",\"reason\":\"r\"}", 400, "ammount"),
                Arguments.of("a revision that changes nothing", WRITER, revisions, "{\"fundingSource\":\"FISCAL_APPROPRIATION\",\"amount\":\"5.000\",\"reason\":\"r\"}", 422, "amount"),
                Arguments.of("a stale expected version", WRITER, revisions, "{\"fundingSource\":\"OTHER\",\"amount\":\"1\",\"reason\":\"r\",\"expectedVersion\":0}", 409, "expectedVersion"),
                Arguments.of("an unknown project", WRITER, "/api/v1/projects/no-such-project/allocation-revisions", "{\"fundingSource\":\"OTHER\",\"amount\":\"1\",\"reason\":\"r\"}", 404, "projectId"),
                Arguments.of("broken JSON", WRITER, revisions, "{\"fundingSource\":", 400, null),
                Arguments.of("a level-2 code outside its group", WRITER, indicators, "{\"level1\":\"2\",\"level2\":\"31\",\"name\":\"居民满意度\"}", 422, "level2"),
                Arguments.of("an unknown level-1 code", WRITER, indicators, "{\"level1\":\"9\",\"level2\":\"11\",\"name\":\"x\"}", 422, "level1"),
                Arguments.of("an indicator number taken", WRITER, indicators, "{\"no\":1,\"level1\":\"1\",\"level2\":\"11\",\"name\":\"x\"}", 422, "no"),
                Arguments.of("an indicator without a name", WRITER, indicators, "{\"level1\":\"1\",\"level2\":\"11\"}", 400, "name"),
                Arguments.of("a unit name with a zero-width space, a lookalike of another", WRITER, "/api/v1/projects",
                        "{\"department\":\"d\",\"fiscalYear\":2025,\"unit\":\"街道\u200B办事处\",\"name\":\"n\"}", 400, "unit"),
                Arguments.of("a project without a unit", WRITER, "/api/v1/projects", "{\"department\":\"d\",\"fiscalYear\":2025,\"name\":\"n\"}", 400, "unit"),
                Arguments.of("a fiscal year as text", WRITER, "/api/v1/projects", "{\"department\":\"d\",\"fiscalYear\":\"2025\",\"unit\":\"u\",\"name\":\"n\"}", 400, "fiscalYear"),
                Arguments.of("an implausible fiscal year", WRITER, "/api/v1/projects", "{\"department\":\"d\",\"fiscalYear\":3025,\"unit\":\"u\",\"name\":\"n\"}", 422, "fiscalYear"),
                Arguments.of("an unknown allocation source", WRITER, "/api/v1/projects", "{\"department\":\"d\",\"fiscalYear\":2025,\"unit\":\"u\",\"name\":\"n\",\"allocations\":{\"LOAN\":\"1\"}}", 400, "allocations"),
                Arguments.of("an overlong name", WRITER, "/api/v1/projects", "{\"department\":\"d\",\"fiscalYear\":2025,\"unit\":\"u\",\"name\":\"" + "名".repeat(4001) + "\"}", 400, "name"));
    }

    @ParameterizedTest(name = "{0} gets {4}")
    @MethodSource("refusals")
    void isRefusedAndAppendsNothing(String what, String user, String path, String body, int status, String field) {
        JsonNode before = api.get(OPERATOR, "/api/v1/ops/stats").body();

        Api.Response response = api.post(user, path.replace(PROJECT, projectId), body);

        assertThat(response.status()).as(response.body().toString()).isEqualTo(status);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(response.body().get("status").asInt()).isEqualTo(status);
        assertThat(response.body().get("detail").asText()).isNotBlank();
        if (field != null) {
            assertThat(response.body().get("field").asText()).isEqualTo(field);
            assertThat(response.body().get("errors").get(0).get("field").asText()).isEqualTo(field);
        }
        assertThat(api.get(OPERATOR, "/api/v1/ops/stats").body()).isEqualTo(before);
    }

    /** Moments are instants, not text: a five-digit year once compared as "after every event" and answered an empty ledger. */
    @ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(strings = {"/api/v1/departments?asOf=%2B10000-01-01T00:00:00Z",
            "/api/v1/units?asOf=1800-01-01", "/api/v1/departments?asOf=2025-13-01", "/api/v1/departments?asOf=yesterday"})
    void aMomentOutsideTheLedgersYearsIsRefused(String path) {
        Api.Response refused = api.get(AUDITOR, path);

        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
        assertThat(refused.body().get("field").asText()).isEqualTo("asOf");
    }
}
