package org.publicbudget.ledger.app.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.TestInstance;
import org.publicbudget.ledger.app.support.Api;
import org.publicbudget.ledger.app.support.PostgresApiTest;

/**
 * Finance systems retry, race and send bad data. Several hundred malformed or hostile
 * requests, each of which must get the right 4xx as problem+json — naming the field
 * where one is at fault — while the event store stays exactly as it was.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HostileRequestsTest extends PostgresApiTest {

    private static final String JSON = "application/json";
    private static final List<String> BAD_AMOUNTS = List.of("\"12.3.4\"", "\"-1\"", "\"-0.01\"", "\"1e3\"", "\"1E3\"", "\"NaN\"",
            "\"Infinity\"", "\"0x10\"", "\"1.0000001\"", "\"99999999999999\"", "\"1000000000000\"", "\" 1\"", "\"1 \"", "\"\"",
            "\"+1\"", "\"1,000.00\"", "\"１２\"", "\"١٢\"", "\".5\"", "\"5.\"", "\"00.5\"", "12.5", "-1", "true", "[]", "{}");
    private static final List<String> BAD_TEXTS = List.of("\"\"", "\"   \"", "\"" + "名".repeat(4001) + "\"", "\"a\\u0000b\"",
            "\"a\\u202Eb\"", "\"a\\uD800b\"", "\"a\\u0007b\"", "123", "true", "[\"x\"]", "{\"x\":1}");
    private static final List<String> BAD_DATES = List.of("\"2025-13-01\"", "\"yesterday\"", "\"2025/07/01\"", "\"1800-01-01\"",
            "20250701", "\"2025-02-30\"");

    private final String department = "Hostile " + UUID.randomUUID();
    private String project;
    private String other;
    private String withdrawn;
    private String usedKey;

    private record Attack(String what, String user, String method, String path, String body, String contentType,
            Map<String, String> headers, int status, String field) {
    }

    @BeforeAll
    void targets() {
        connect();
        project = create("帮扶工作经费", "5.00");
        other = create("基层武装相关工作经费", "1.00");
        withdrawn = create("人大相关工作经费", "5.00");
        api.post(WRITER, "/api/v1/projects/" + project + "/indicators",
                "{\"level1\":\"1\",\"level2\":\"11\",\"name\":\"调研次数\",\"periodTarget\":\"2次\",\"annualTarget\":\"2次\"}");
        api.post(WRITER, "/api/v1/projects/" + withdrawn + "/withdrawal", "{\"reason\":\"撤销\"}");
        api.post(WRITER, "/api/v1/units", "{\"department\":\"" + department + "\",\"fiscalYear\":2025,\"unit\":\"综合保障中心\",\"reason\":\"新设\"}");
        usedKey = "key-" + UUID.randomUUID();
        Api.Response first = api.post(WRITER, "/api/v1/projects/" + project + "/allocation-revisions",
                "{\"fundingSource\":\"OTHER\",\"amount\":\"1.00\",\"reason\":\"追加\"}", Map.of("Idempotency-Key", usedKey));
        assertThat(first.status()).isEqualTo(200);
    }

    private String create(String name, String amount) {
        Api.Response created = api.post(WRITER, "/api/v1/projects", """
                {"department":"%s","fiscalYear":2025,"unit":"街道办事处","name":"%s","allocations":{"FISCAL_APPROPRIATION":"%s"}}"""
                .formatted(department, name, amount));
        assertThat(created.status()).isEqualTo(201);
        return created.body().get("projectId").asText();
    }

    private Attack attack(String what, String method, String path, String body, int status, String field) {
        return new Attack(what, WRITER, method, path, body, JSON, Map.of(), status, field);
    }

    private List<Attack> attacks() {
        String revisions = "/api/v1/projects/" + project + "/allocation-revisions";
        String indicators = "/api/v1/projects/" + project + "/indicators";
        String goal = "/api/v1/projects/" + project + "/goal";
        String transfers = "/api/v1/transfers";
        String totals = "/api/v1/declared-totals";
        String projects = "/api/v1/projects";
        List<Attack> all = new ArrayList<>();

        Map<String, String> writes = Map.ofEntries(
                Map.entry("POST " + projects, "{\"department\":\"d\",\"fiscalYear\":2025,\"unit\":\"u\",\"name\":\"n\"}"),
                Map.entry("POST " + revisions, "{\"fundingSource\":\"OTHER\",\"amount\":\"3\",\"reason\":\"r\"}"),
                Map.entry("POST " + indicators, "{\"level1\":\"1\",\"level2\":\"11\",\"name\":\"n\"}"),
                Map.entry("PUT " + indicators + "/1", "{\"level1\":\"1\",\"level2\":\"11\",\"name\":\"n2\",\"reason\":\"r\"}"),
                Map.entry("DELETE " + indicators + "/1?reason=r", ""),
                Map.entry("POST " + goal, "{\"goal\":\"g\",\"reason\":\"r\"}"),
                Map.entry("POST /api/v1/projects/" + other + "/withdrawal", "{\"reason\":\"r\"}"),
                Map.entry("POST " + transfers, "{\"fromProjectId\":\"" + project + "\",\"toProjectId\":\"" + other
                        + "\",\"fundingSource\":\"FISCAL_APPROPRIATION\",\"amount\":\"1\",\"reason\":\"r\"}"),
                Map.entry("POST /api/v1/units", "{\"department\":\"d\",\"fiscalYear\":2025,\"unit\":\"u\",\"reason\":\"r\"}"),
                Map.entry("POST " + totals, "{\"department\":\"d\",\"fiscalYear\":2025,\"amount\":\"1\",\"reason\":\"r\"}"),
                Map.entry("POST /api/v1/imports?fiscalYear=2025&documentName=x.txt", "text"));
        writes.forEach((request, body) -> {
            String method = request.substring(0, request.indexOf(' '));
            String path = request.substring(request.indexOf(' ') + 1);
            String type = path.contains("imports") ? "text/plain" : JSON;
            for (String role : List.of(AUDITOR, OPERATOR)) {
                all.add(new Attack(role + " writes " + request, role, method, path, body, type, Map.of(), 403, null));
            }
            all.add(new Attack("nobody writes " + request, null, method, path, body, type, Map.of(), 401, null));
            all.add(new Attack("replayed key, other body: " + request, WRITER, method, path, body, type,
                    Map.of("Idempotency-Key", usedKey), 422, "Idempotency-Key"));
        });

        for (String amount : BAD_AMOUNTS) {
            all.add(attack("revision amount " + amount, "POST", revisions, "{\"fundingSource\":\"OTHER\",\"amount\":" + amount + ",\"reason\":\"r\"}", 400, "amount"));
            all.add(attack("transfer amount " + amount, "POST", transfers, "{\"fromProjectId\":\"" + project + "\",\"toProjectId\":\"" + other
                    + "\",\"fundingSource\":\"OTHER\",\"amount\":" + amount + ",\"reason\":\"r\"}", 400, "amount"));
            all.add(attack("declared amount " + amount, "POST", totals, "{\"department\":\"" + department
                    + "\",\"fiscalYear\":2025,\"amount\":" + amount + ",\"reason\":\"r\"}", 400, "amount"));
            all.add(attack("allocation " + amount, "POST", projects, "{\"department\":\"d\",\"fiscalYear\":2025,\"unit\":\"u\",\"name\":\"n\","
                    + "\"allocations\":{\"OTHER\":" + amount + "}}", 400, amount.startsWith("\"") ? "allocations.OTHER" : "allocations.OTHER"));
        }
        for (String text : BAD_TEXTS) {
            all.add(attack("revision reason " + clip(text), "POST", revisions, "{\"fundingSource\":\"OTHER\",\"amount\":\"3\",\"reason\":" + text + "}", 400, "reason"));
            all.add(attack("project name " + clip(text), "POST", projects, "{\"department\":\"d\",\"fiscalYear\":2025,\"unit\":\"u\",\"name\":" + text + "}", 400, "name"));
            all.add(attack("unit " + clip(text), "POST", projects, "{\"department\":\"d\",\"fiscalYear\":2025,\"unit\":" + text + ",\"name\":\"n\"}", 400, "unit"));
            all.add(attack("department " + clip(text), "POST", projects, "{\"department\":" + text + ",\"fiscalYear\":2025,\"unit\":\"u\",\"name\":\"n\"}", 400, "department"));
            all.add(attack("indicator name " + clip(text), "POST", indicators, "{\"level1\":\"1\",\"level2\":\"11\",\"name\":" + text + "}", 400, "name"));
            all.add(attack("withdrawal reason " + clip(text), "POST", "/api/v1/projects/" + other + "/withdrawal", "{\"reason\":" + text + "}", 400, "reason"));
            all.add(attack("transfer reason " + clip(text), "POST", transfers, "{\"fromProjectId\":\"" + project + "\",\"toProjectId\":\"" + other
                    + "\",\"fundingSource\":\"OTHER\",\"amount\":\"1\",\"reason\":" + text + "}", 400, "reason"));
        }
        for (String date : BAD_DATES) {
            all.add(attack("effective date " + date, "POST", revisions, "{\"fundingSource\":\"OTHER\",\"amount\":\"3\",\"reason\":\"r\",\"effectiveDate\":" + date + "}", 400, "effectiveDate"));
            all.add(attack("goal effective date " + date, "POST", goal, "{\"goal\":\"g\",\"reason\":\"r\",\"effectiveDate\":" + date + "}", 400, "effectiveDate"));
        }
        all.add(attack("overlong 文号", "POST", revisions, "{\"fundingSource\":\"OTHER\",\"amount\":\"3\",\"reason\":\"r\",\"documentNumber\":\"" + "号".repeat(101) + "\"}", 400, "documentNumber"));
        for (String source : List.of("\"GOLD\"", "\"fiscal_appropriation\"", "\"\"", "1", "null")) {
            int status = source.equals("null") ? 400 : 400;
            all.add(attack("funding source " + source, "POST", revisions, "{\"fundingSource\":" + source + ",\"amount\":\"3\",\"reason\":\"r\"}", status, "fundingSource"));
            all.add(attack("transfer source " + source, "POST", transfers, "{\"fromProjectId\":\"" + project + "\",\"toProjectId\":\"" + other
                    + "\",\"fundingSource\":" + source + ",\"amount\":\"1\",\"reason\":\"r\"}", status, "fundingSource"));
        }
        all.add(attack("allocation from an unknown source", "POST", projects, "{\"department\":\"d\",\"fiscalYear\":2025,\"unit\":\"u\",\"name\":\"n\",\"allocations\":{\"LOAN\":\"1\"}}", 400, "allocations"));
        for (String[] codes : new String[][] {{"0", "11", "level1"}, {"4", "11", "level1"}, {"a", "11", "level1"}, {"11", "11", "level1"},
                {"1", "15", "level2"}, {"2", "31", "level2"}, {"1", "99", "level2"}, {"1", "1", "level2"}, {"3", "11", "level2"}}) {
            String body = "{\"level1\":\"" + codes[0] + "\",\"level2\":\"" + codes[1] + "\",\"name\":\"n\",\"reason\":\"r\"}";
            all.add(attack("indicator codes " + codes[0] + "/" + codes[1], "POST", indicators, body, 422, codes[2]));
            all.add(attack("revised indicator codes " + codes[0] + "/" + codes[1], "PUT", indicators + "/1", body, 422, codes[2]));
        }
        all.add(attack("indicator without level1", "POST", indicators, "{\"level2\":\"11\",\"name\":\"n\"}", 400, "level1"));
        all.add(attack("indicator number taken", "POST", indicators, "{\"no\":1,\"level1\":\"1\",\"level2\":\"11\",\"name\":\"n\"}", 422, "no"));
        all.add(attack("indicator number as text", "POST", indicators, "{\"no\":\"1\",\"level1\":\"1\",\"level2\":\"11\",\"name\":\"n\"}", 400, "no"));
        all.add(attack("revise an unknown indicator", "PUT", indicators + "/9", "{\"level1\":\"1\",\"level2\":\"11\",\"name\":\"n\",\"reason\":\"r\"}", 404, "no"));
        all.add(attack("remove an unknown indicator", "DELETE", indicators + "/9?reason=r", null, 404, "no"));
        all.add(attack("remove without a reason", "DELETE", indicators + "/1", null, 400, "reason"));
        all.add(attack("indicator number that is no number", "PUT", indicators + "/one", "{\"level1\":\"1\",\"level2\":\"11\",\"name\":\"n\",\"reason\":\"r\"}", 400, "no"));
        all.add(attack("path and body disagree", "PUT", indicators + "/1", "{\"no\":2,\"level1\":\"1\",\"level2\":\"11\",\"name\":\"n\",\"reason\":\"r\"}", 400, "no"));
        all.add(attack("an indicator revision that changes nothing", "PUT", indicators + "/1", "{\"level1\":\"1\",\"level2\":\"11\",\"name\":\"调研次数\",\"periodTarget\":\"2次\",\"annualTarget\":\"2次\",\"reason\":\"r\"}", 422, "no"));
        all.add(attack("a goal that changes nothing", "POST", goal, "{\"goal\":\"\",\"reason\":\"r\"}", 422, "goal"));
        all.add(attack("a goal without text", "POST", goal, "{\"reason\":\"r\"}", 400, "goal"));
        all.add(attack("a revision that changes nothing", "POST", revisions, "{\"fundingSource\":\"FISCAL_APPROPRIATION\",\"amount\":\"5\",\"reason\":\"r\"}", 422, "amount"));

        for (String path : List.of("/allocation-revisions", "/goal", "/withdrawal", "/indicators")) {
            String body = switch (path) {
                case "/allocation-revisions" -> "{\"fundingSource\":\"OTHER\",\"amount\":\"3\",\"reason\":\"r\"}";
                case "/goal" -> "{\"goal\":\"g\",\"reason\":\"r\"}";
                case "/withdrawal" -> "{\"reason\":\"r\"}";
                default -> "{\"level1\":\"1\",\"level2\":\"11\",\"name\":\"n\"}";
            };
            String target = "/api/v1/projects/" + project + path;
            all.add(new Attack("stale If-Match on " + path, WRITER, "POST", target, body, JSON, Map.of("If-Match", "\"0\""), 409, "expectedVersion"));
            all.add(new Attack("weak stale If-Match on " + path, WRITER, "POST", target, body, JSON, Map.of("If-Match", "W/\"0\""), 409, "expectedVersion"));
            all.add(new Attack("garbage If-Match on " + path, WRITER, "POST", target, body, JSON, Map.of("If-Match", "abc"), 400, "If-Match"));
            all.add(attack("stale expectedVersion on " + path, "POST", target, body.replace("}", ",\"expectedVersion\":0}"), 409, "expectedVersion"));
            all.add(attack("negative expectedVersion on " + path, "POST", target, body.replace("}", ",\"expectedVersion\":-1}"), 400, "expectedVersion"));
            all.add(new Attack("If-Match and expectedVersion disagree on " + path, WRITER, "POST", target, body.replace("}", ",\"expectedVersion\":5}"),
                    JSON, Map.of("If-Match", "\"4\""), 400, "expectedVersion"));
            all.add(attack("unknown project on " + path, "POST", "/api/v1/projects/" + UUID.randomUUID() + path, body, 404, "projectId"));
            all.add(attack("withdrawn project on " + path, "POST", "/api/v1/projects/" + withdrawn + path, body, 422, "projectId"));
            for (String broken : List.of("{", "[]", "null", "\"text\"", "{\"reason\":\"r\",}", "{\"a\":" + "[".repeat(3000) + "]".repeat(3000) + "}")) {
                all.add(attack("broken JSON " + clip(broken) + " on " + path, "POST", target, broken, 400, null));
            }
            all.add(new Attack("text instead of JSON on " + path, WRITER, "POST", target, body, "text/plain", Map.of(), 415, null));
            all.add(attack("an unknown field on " + path, "POST", target, body.replace("}", ",\"amountt\":\"1\"}"), 400, "amountt"));
        }
        all.add(attack("transfer to itself", "POST", transfers, "{\"fromProjectId\":\"" + project + "\",\"toProjectId\":\"" + project
                + "\",\"fundingSource\":\"FISCAL_APPROPRIATION\",\"amount\":\"1\",\"reason\":\"r\"}", 422, "toProjectId"));
        all.add(attack("transfer of nothing", "POST", transfers, "{\"fromProjectId\":\"" + project + "\",\"toProjectId\":\"" + other
                + "\",\"fundingSource\":\"FISCAL_APPROPRIATION\",\"amount\":\"0\",\"reason\":\"r\"}", 422, "amount"));
        all.add(attack("transfer of more than is held", "POST", transfers, "{\"fromProjectId\":\"" + project + "\",\"toProjectId\":\"" + other
                + "\",\"fundingSource\":\"FISCAL_APPROPRIATION\",\"amount\":\"5.01\",\"reason\":\"r\"}", 422, "amount"));
        all.add(attack("transfer to a withdrawn project", "POST", transfers, "{\"fromProjectId\":\"" + project + "\",\"toProjectId\":\"" + withdrawn
                + "\",\"fundingSource\":\"FISCAL_APPROPRIATION\",\"amount\":\"1\",\"reason\":\"r\"}", 422, "projectId"));
        all.add(attack("transfer from an unknown project", "POST", transfers, "{\"fromProjectId\":\"nope\",\"toProjectId\":\"" + other
                + "\",\"fundingSource\":\"FISCAL_APPROPRIATION\",\"amount\":\"1\",\"reason\":\"r\"}", 404, "fromProjectId"));
        all.add(attack("transfer to an unknown project", "POST", transfers, "{\"fromProjectId\":\"" + project + "\",\"toProjectId\":\"nope\""
                + ",\"fundingSource\":\"FISCAL_APPROPRIATION\",\"amount\":\"1\",\"reason\":\"r\"}", 404, "toProjectId"));
        all.add(attack("declared total of an unknown unit", "POST", totals, "{\"department\":\"" + department
                + "\",\"fiscalYear\":2025,\"unit\":\"不存在的单位\",\"amount\":\"1\",\"reason\":\"r\"}", 404, "unit"));
        all.add(attack("a unit registered twice", "POST", "/api/v1/units", "{\"department\":\"" + department
                + "\",\"fiscalYear\":2025,\"unit\":\"综合保障中心\",\"reason\":\"r\"}", 422, "unit"));
        all.add(attack("a fiscal year as text", "POST", "/api/v1/units", "{\"department\":\"d\",\"fiscalYear\":\"2025\",\"unit\":\"u\",\"reason\":\"r\"}", 400, "fiscalYear"));
        all.add(attack("a fiscal year with decimals", "POST", projects, "{\"department\":\"d\",\"fiscalYear\":2025.5,\"unit\":\"u\",\"name\":\"n\"}", 400, "fiscalYear"));
        all.add(attack("an implausible fiscal year", "POST", projects, "{\"department\":\"d\",\"fiscalYear\":99999,\"unit\":\"u\",\"name\":\"n\"}", 422, "fiscalYear"));
        all.add(new Attack("JSON to the import", WRITER, "POST", "/api/v1/imports?fiscalYear=2025&documentName=x.txt", "{}", JSON, Map.of(), 415, null));
        all.add(new Attack("an import without a fiscal year", WRITER, "POST", "/api/v1/imports?documentName=x.txt", "text", "text/plain", Map.of(), 400, "fiscalYear"));
        all.add(new Attack("an import without a name", WRITER, "POST", "/api/v1/imports?fiscalYear=2025", "text", "text/plain", Map.of(), 400, "documentName"));
        all.add(new Attack("a fiscal year that is no number", WRITER, "POST", "/api/v1/imports?fiscalYear=soon&documentName=x.txt", "text", "text/plain", Map.of(), 400, "fiscalYear"));
        all.add(new Attack("a document that is no table", WRITER, "POST", "/api/v1/imports?fiscalYear=2025&documentName=x.txt", "合计\n", "text/plain", Map.of(), 422, "document"));
        all.add(new Attack("an overlong Idempotency-Key", WRITER, "POST", revisions, "{\"fundingSource\":\"OTHER\",\"amount\":\"3\",\"reason\":\"r\"}",
                JSON, Map.of("Idempotency-Key", "k".repeat(256)), 400, "Idempotency-Key"));
        return all;
    }

    private static String clip(String text) {
        return text.length() <= 24 ? text : text.substring(0, 24) + "…";
    }

    @TestFactory
    Stream<DynamicTest> everyHostileRequestIsRefusedAndAppendsNothing() {
        List<Attack> attacks = attacks();
        assertThat(attacks).hasSizeGreaterThanOrEqualTo(300);
        return attacks.stream().map(a -> DynamicTest.dynamicTest(a.what() + " → " + a.status(), () -> {
            JsonNode before = api.get(OPERATOR, "/api/v1/ops/stats").body();
            Api.Response response = api.send(a.user(), a.method(), a.path(), a.body(), a.contentType(), a.headers());
            assertThat(response.status()).as(response.body().toString()).isEqualTo(a.status());
            assertThat(response.contentType()).startsWith("application/problem+json");
            assertThat(response.body().get("detail").asText()).isNotBlank();
            if (a.field() != null) {
                assertThat(response.body().get("field").asText()).isEqualTo(a.field());
            }
            assertThat(api.get(OPERATOR, "/api/v1/ops/stats").body()).isEqualTo(before);
        }));
    }
}
