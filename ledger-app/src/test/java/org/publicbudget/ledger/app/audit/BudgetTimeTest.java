package org.publicbudget.ledger.app.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.publicbudget.ledger.app.imports.Seed;
import org.publicbudget.ledger.app.support.Api;
import org.publicbudget.ledger.app.support.PostgresApiTest;

/**
 * An auditor's year-end question over HTTP: the seed imported for 2019, then in-year
 * work with budget dates — a revision effective 2019-06-30, a transfer effective
 * 2019-09-01, a payment on 2019-10-10 — all recorded today. Figures effective on a
 * budget day count only what took effect by then; the original budget (年初预算) stays
 * what the document gave; the document's own disagreement is not moved by adjustments.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BudgetTimeTest extends PostgresApiTest {

    private static final int YEAR = 2019;
    private String departmentId;
    private String giver;
    private String taker;
    private BigDecimal originalTotal;
    private BigDecimal varianceAtImport;

    @BeforeAll
    void seedAndAYearOfWork() {
        connect();
        JsonNode report = api.postText(WRITER, "/api/v1/imports?fiscalYear=" + YEAR + "&documentName=" + Seed.NAME + "&detail=true",
                Seed.text()).body();
        departmentId = report.get("departmentId").asText();
        List<JsonNode> units = report.get("extracted").get("units").findParents("projects");
        giver = units.get(0).get("projects").get(0).get("projectId").asText();
        taker = units.get(1).get("projects").get(0).get("projectId").asText();
        long imported = api.get(OPERATOR, "/api/v1/ops/stats").body().get("headPosition").asLong();
        JsonNode atImport = read("/api/v1/departments/" + departmentId + "?atPosition=" + imported + "&minPosition=" + imported);
        originalTotal = new BigDecimal(atImport.get("computedTotal").asText());
        varianceAtImport = new BigDecimal(atImport.get("variance").asText());

        write("/api/v1/projects/" + giver + "/allocation-revisions", "{\"fundingSource\":\"OTHER\",\"amount\":\"5.00\",\"reason\":\"追加\","
                + "\"documentNumber\":\"财预〔2019〕8号\",\"effectiveDate\":\"" + YEAR + "-06-30\"}");
        write("/api/v1/transfers", "{\"fromProjectId\":\"" + giver + "\",\"toProjectId\":\"" + taker + "\",\"fundingSource\":\"OTHER\","
                + "\"amount\":\"2.00\",\"reason\":\"预算调剂\",\"effectiveDate\":\"" + YEAR + "-09-01\"}");
        long last = write("/api/v1/projects/" + giver + "/expenditures", "{\"fundingSource\":\"OTHER\",\"amount\":\"1.25\",\"paidOn\":\""
                + YEAR + "-10-10\",\"voucherNo\":\"记-1010-001\",\"reason\":\"支付\"}");
        read("/api/v1/departments/" + departmentId + "?minPosition=" + last);
    }

    private long write(String path, String body) {
        Api.Response response = api.post(WRITER, path, body);
        assertThat(response.status()).as(response.body().toString()).isLessThan(300);
        return response.body().get("position").asLong();
    }

    private JsonNode read(String path) {
        Api.Response[] response = new Api.Response[1];
        await().atMost(Duration.ofSeconds(30)).until(() -> (response[0] = api.get(AUDITOR, path)).status() == 200);
        return response[0].body();
    }

    private static BigDecimal amount(JsonNode node, String field) {
        return new BigDecimal(node.get(field).asText());
    }

    @Test
    void theYearEndFiguresCountWhatTookEffectByThen() {
        String department = "/api/v1/departments/" + departmentId;
        JsonNode now = read(department);
        JsonNode beforeTheRevision = read(department + "?effectiveOn=" + YEAR + "-06-29");
        JsonNode yearEnd = read(department + "?effectiveOn=" + YEAR + "-12-31");

        assertThat(amount(beforeTheRevision, "computedTotal")).isEqualByComparingTo(originalTotal);
        assertThat(amount(yearEnd, "computedTotal")).isEqualByComparingTo(originalTotal.add(new BigDecimal("5.00")));
        assertThat(amount(now, "computedTotal")).isEqualByComparingTo(amount(yearEnd, "computedTotal"));
        assertThat(amount(read(department + "?effectiveOn=" + YEAR + "-10-09"), "spent")).isEqualByComparingTo("0");
        assertThat(amount(read(department + "?effectiveOn=" + YEAR + "-10-10"), "spent")).isEqualByComparingTo("1.25");

        JsonNode giverMidYear = read("/api/v1/projects/" + giver + "?effectiveOn=" + YEAR + "-08-31");
        JsonNode giverYearEnd = read("/api/v1/projects/" + giver + "?effectiveOn=" + YEAR + "-12-31");
        assertThat(amount(giverYearEnd, "total").subtract(amount(giverMidYear, "total"))).as("the transfer, effective 09-01")
                .isEqualByComparingTo("-2.00");
        assertThat(amount(giverYearEnd, "adjustments")).isEqualByComparingTo("3.00");
        assertThat(giverYearEnd.get("adjustmentsBySource").get("OTHER").asText()).isEqualTo("3.00");
    }

    /** A trail effective on a day lists only what took effect by then, each step starting where the one before it ended. */
    @Test
    void aTrailAndTheChangeReportEffectiveOnADay() {
        JsonNode trail = read("/api/v1/projects/" + giver + "/trail?effectiveOn=" + YEAR + "-08-31");
        JsonNode whole = read("/api/v1/projects/" + giver + "/trail");
        assertThat(whole.get("steps")).hasSize(trail.get("steps").size() + 1);
        assertThat(trail.get("steps").findValuesAsText("eventType")).doesNotContain("AllocationTransferred");
        BigDecimal running = BigDecimal.ZERO;
        for (JsonNode step : trail.get("steps")) {
            assertThat(amount(step, "before")).isEqualByComparingTo(running);
            running = amount(step, "after");
        }
        assertThat(amount(trail, "finalValue")).isEqualByComparingTo(running)
                .isEqualByComparingTo(amount(read("/api/v1/projects/" + giver + "?effectiveOn=" + YEAR + "-08-31"), "total"));
        assertThat(trail.get("consistent").asBoolean()).isTrue();

        JsonNode report = read("/api/v1/departments/" + departmentId + "/changes?from=2019-01-01&to=2100-01-01&withoutImports=true"
                + "&effectiveOn=" + YEAR + "-08-31");
        assertThat(report.get("changes").findValuesAsText("eventType")).containsExactly("AllocationRevised");
    }

    @Test
    void adjustmentsAreNotTheDocumentsDisagreement() {
        JsonNode now = read("/api/v1/departments/" + departmentId);

        assertThat(amount(now, "originalTotal")).isEqualByComparingTo(originalTotal);
        assertThat(amount(now, "adjustments")).isEqualByComparingTo("5.00");
        assertThat(amount(now, "documentVariance")).as("declared − what the document's rows add up to").isEqualByComparingTo(varianceAtImport.negate());
        assertThat(amount(now, "variance")).isEqualByComparingTo(varianceAtImport.add(new BigDecimal("5.00")));
        for (JsonNode unit : read("/api/v1/departments/" + departmentId + "/units")) {
            if (unit.get("declaredTotal").isNull()) {
                continue;
            }
            assertThat(amount(unit, "documentVariance")).as(unit.get("name").asText())
                    .isEqualByComparingTo(amount(unit, "declaredTotal").subtract(amount(unit, "originalTotal")));
            assertThat(amount(unit, "computedTotal")).isEqualByComparingTo(amount(unit, "originalTotal").add(amount(unit, "adjustments")));
        }
    }

    @Test
    void anExportSaysWhichFiguresItShowsAndItsTotalRowAddsUp() {
        Api.Response export = api.send(AUDITOR, "GET", "/api/v1/departments/" + departmentId + "/export?format=csv&effectiveOn=" + YEAR
                + "-06-29", null, null, Map.of());
        String csv = export.body().asText();
        String disposition = URLDecoder.decode(export.headers().firstValue("Content-Disposition").orElseThrow(), StandardCharsets.UTF_8);

        assertThat(disposition).contains("项目支出绩效目标表-").contains("-" + YEAR + "-生效截至" + YEAR + "-06-29-生成");
        String[] lines = csv.split("\r\n");
        assertThat(lines[1]).contains("年度：" + YEAR).contains("生效截至：" + YEAR + "-06-29").contains("记录截至：生成时的最新记录")
                .containsPattern("生成时间：\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2} Asia/Shanghai");
        List<String> total = cells(lines[3]);
        assertThat(total.get(0)).isEqualTo("合计");
        assertThat(new BigDecimal(total.get(1))).as("总计 = the three sources").isEqualByComparingTo(
                new BigDecimal(total.get(2)).add(new BigDecimal(total.get(3))).add(new BigDecimal(total.get(4))));
        assertThat(new BigDecimal(total.get(7))).as("年初预算").isEqualByComparingTo(originalTotal);
        assertThat(new BigDecimal(total.get(8))).as("调整数 by 06-29").isEqualByComparingTo("0");
    }

    @Test
    void aDayThatIsNoDateIsRefused() {
        Api.Response refused = api.get(AUDITOR, "/api/v1/departments/" + departmentId + "?effectiveOn=" + YEAR + "-13-01");

        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.body().get("field").asText()).isEqualTo("effectiveOn");
    }

    private static List<String> cells(String line) {
        return List.of(line.substring(1, line.length() - 1).split("\",\"", -1));
    }
}
