package org.publicbudget.ledger.app.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.apache.poi.xssf.usermodel.XSSFCell;
import org.apache.poi.xssf.usermodel.XSSFSheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.publicbudget.ledger.app.imports.Seed;
import org.publicbudget.ledger.app.support.Api;
import org.publicbudget.ledger.app.support.PostgresApiTest;

/**
 * The seed imported, then a day of revisions: an auditor asks for figures as they stood
 * before, gets them with their explanation, exports the table as it was imported and
 * reads what changed since.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AuditorHistoryTest extends PostgresApiTest {

    private static final int YEAR = 2040;
    private String departmentId;
    private String unitId;
    private String businessFunds;
    private String staffFunds;
    private Instant imported;
    private long importedAt;

    @BeforeAll
    void seedAndADayOfRevisions() throws Exception {
        connect();
        JsonNode report = api.postText(WRITER, "/api/v1/imports?fiscalYear=" + YEAR + "&documentName=" + Seed.NAME + "&detail=true",
                Seed.text()).body();
        departmentId = report.get("departmentId").asText();
        for (JsonNode unit : report.get("extracted").get("units")) {
            if (unit.get("name").asText().endsWith("综合保障中心")) {
                businessFunds = unit.get("projects").get(0).get("projectId").asText();
                staffFunds = unit.get("projects").get(1).get("projectId").asText();
            }
        }
        importedAt = api.get(OPERATOR, "/api/v1/ops/stats").body().get("headPosition").asLong();
        imported = Instant.now();
        Thread.sleep(1100);

        post("/api/v1/projects/" + businessFunds + "/allocation-revisions",
                "{\"fundingSource\":\"FISCAL_APPROPRIATION\",\"amount\":\"20.00\",\"reason\":\"追加来穗人员融合活动\","
                        + "\"documentNumber\":\"荔财预〔2025〕31号\",\"effectiveDate\":\"2025-07-01\"}");
        post("/api/v1/transfers", "{\"fromProjectId\":\"" + staffFunds + "\",\"toProjectId\":\"" + businessFunds
                + "\",\"fundingSource\":\"FISCAL_APPROPRIATION\",\"amount\":\"10.36\",\"reason\":\"预算调剂\"}");
        long last = post("/api/v1/projects/" + businessFunds + "/indicators/1", null);
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            Api.Response read = api.get(AUDITOR, "/api/v1/departments/" + departmentId + "/units?minPosition=" + last);
            if (read.status() != 200) {
                return false;
            }
            for (JsonNode unit : read.body()) {
                if (unit.get("name").asText().endsWith("综合保障中心") && unit.get("computedTotal").asText().equals("649.08")) {
                    unitId = unit.get("unitId").asText();
                    return true;
                }
            }
            return false;
        });
    }

    /** The position the write reached. */
    private long post(String path, String body) {
        Api.Response response = body == null
                ? api.send(WRITER, "PUT", path, "{\"level1\":\"1\",\"level2\":\"11\",\"name\":\"开展来穗人员融合活动\","
                        + "\"periodTarget\":\"4次\",\"annualTarget\":\"4次\",\"reason\":\"加密活动\"}", "application/json", Map.of())
                : api.post(WRITER, path, body);
        assertThat(response.status()).as(response.body().toString()).isLessThan(300);
        return response.body().get("position").asLong();
    }

    @Test
    void aUnitTotalOnAPastDateComesWithItsExplanation() {
        JsonNode now = api.get(AUDITOR, "/api/v1/units/" + unitId).body();
        JsonNode then = api.get(AUDITOR, "/api/v1/units/" + unitId + "?asOf=" + imported).body();
        JsonNode atPosition = api.get(AUDITOR, "/api/v1/units/" + unitId + "?atPosition=" + importedAt).body();
        assertThat(now.get("computedTotal").asText()).isEqualTo("649.08");
        assertThat(then.get("computedTotal").asText()).isEqualTo("644.08");
        assertThat(then.get("declaredTotal").asText()).isEqualTo("644.08");
        assertThat(atPosition).isEqualTo(then);

        JsonNode trail = api.get(AUDITOR, "/api/v1/units/" + unitId + "/trail?asOf=" + imported).body();
        assertThat(trail.get("finalValue").asText()).isEqualTo("644.08");
        assertThat(trail.get("steps")).hasSize(3);
        assertThat(trail.get("consistent").asBoolean()).isTrue();
        JsonNode today = api.get(AUDITOR, "/api/v1/units/" + unitId + "/trail").body();
        assertThat(today.get("steps")).as("both sides of a transfer inside the unit are steps").hasSize(6);
        JsonNode revision = today.get("steps").get(3);
        assertThat(revision.get("delta").asText()).isEqualTo("5.00");
        assertThat(revision.get("effectiveDate").asText()).isEqualTo("2025-07-01");
        assertThat(revision.get("documentNumber").asText()).isEqualTo("荔财预〔2025〕31号");
        assertThat(today.get("steps").get(4).get("eventType").asText()).isEqualTo("AllocationTransferred");
        assertThat(today.get("steps").get(4).get("transferId").asText()).isEqualTo(today.get("steps").get(5).get("transferId").asText());

        JsonNode pastProject = api.get(AUDITOR, "/api/v1/projects/" + businessFunds + "?asOf=" + imported).body();
        assertThat(pastProject.get("total").asText()).isEqualTo("15.00");
        assertThat(pastProject.get("indicators").get(0).get("periodTarget").asText()).isEqualTo("2次");
        JsonNode pastDepartment = api.get(AUDITOR, "/api/v1/departments/" + departmentId + "?asOf=" + imported).body();
        assertThat(pastDepartment.get("computedTotal").asText()).isEqualTo("4892.12");
        JsonNode pastUnits = api.get(AUDITOR, "/api/v1/departments/" + departmentId + "/units?asOf=" + imported).body();
        assertThat(pastUnits).hasSize(4);
        assertThat(pastUnits.findValuesAsText("computedTotal")).contains("644.08").doesNotContain("649.08");
        JsonNode pastProjects = api.get(AUDITOR, "/api/v1/units/" + unitId + "/projects?asOf=" + imported).body();
        assertThat(pastProjects.findValuesAsText("projectId")).contains(businessFunds);
        for (JsonNode row : pastProjects) {
            if (row.get("projectId").asText().equals(businessFunds)) {
                assertThat(row.get("total").asText()).isEqualTo("15.00");
            }
        }
    }

    @Test
    void trailsOfOneFundingSourceAndOfAnIndicator() {
        JsonNode bySource = api.get(AUDITOR, "/api/v1/projects/" + businessFunds + "/trail?fundingSource=FISCAL_APPROPRIATION").body();
        assertThat(bySource.get("figure").asText()).endsWith("/allocation/FISCAL_APPROPRIATION");
        assertThat(bySource.get("finalValue").asText()).isEqualTo("30.36");
        assertThat(bySource.get("steps")).hasSize(3);
        JsonNode other = api.get(AUDITOR, "/api/v1/projects/" + businessFunds + "/trail?fundingSource=OTHER").body();
        assertThat(other.get("finalValue").asText()).isEqualTo("0.00");
        assertThat(other.get("steps")).hasSize(1);

        JsonNode indicator = api.get(AUDITOR, "/api/v1/projects/" + businessFunds + "/indicators/1/trail").body();
        assertThat(indicator.get("steps")).hasSize(2);
        assertThat(indicator.get("steps").get(1).get("before").get("periodTarget").asText()).isEqualTo("2次");
        assertThat(indicator.get("steps").get(1).get("after").get("periodTarget").asText()).isEqualTo("4次");
        assertThat(indicator.get("finalValue").get("annualTarget").asText()).isEqualTo("4次");
    }

    @Test
    void longTrailsComePageByPage() {
        List<Long> positions = new ArrayList<>();
        String next = "0";
        while (next != null) {
            JsonNode page = api.get(AUDITOR, "/api/v1/departments/" + departmentId + "/trail?limit=7&after=" + next).body();
            assertThat(page.get("steps").size()).isLessThanOrEqualTo(7);
            page.get("steps").forEach(step -> positions.add(step.get("position").asLong()));
            next = page.get("nextAfter").isNull() ? null : page.get("nextAfter").asText();
        }
        JsonNode whole = api.get(AUDITOR, "/api/v1/departments/" + departmentId + "/trail").body();
        assertThat(positions).hasSize(whole.get("steps").size()).isSorted().doesNotHaveDuplicates();
        assertThat(positions).as("60 projects created, one revision, two sides of a transfer").hasSize(63);
    }

    @Test
    void theExportOnTheImportDateReproducesTheDocumentsFigures() throws Exception {
        String csv = new String(download("csv"), StandardCharsets.UTF_8);
        List<String> lines = csv.lines().toList();
        assertThat(lines.get(0)).startsWith("\uFEFF\"项目支出绩效目标表\"");
        assertThat(lines.get(2)).startsWith("\"项目名称（资金使用单位）\",\"总计\",\"财政拨款\",\"财政专户拨款\",\"其他资金\"");
        // 总计 is what the sources add up to; the document's own 合计 stands beside it, with the variance
        assertThat(lines.get(3)).isEqualTo("\"合计\",\"4892.12\",\"4892.12\",\"0.00\",\"0.00\",\"\",\"\",\"4892.12\",\"0.00\",\"4892.11\",\"0.01\"");
        assertThat(lines.get(1)).contains("记录截至：" + imported).contains("生效截至：全部变动");
        assertThat(lines).anyMatch(l -> l.startsWith("\"广州市荔湾区人民政府石围塘街道办事处\",\"3599.00\"") && l.endsWith("\"3598.99\",\"0.01\""));
        assertThat(lines).anyMatch(l -> l.startsWith("\"广州市荔湾区石围塘街道综合保障中心\",\"644.08\""));
        assertThat(lines).anyMatch(l -> l.startsWith("\"    编外人员聘用经费\",\"59.84\",\"59.84\",\"0.00\",\"0.00\",\"通过实施本项目"));
        assertThat(lines).anyMatch(l -> l.startsWith("\"    街道事业单位业务经费\",\"15.00\"") && l.contains("1、1-产出指标；11-数量指标；开展来穗人员融合活动；实施周期指标值:2次"));
        assertThat(lines.stream().filter(l -> l.startsWith("\"    ")).count()).isEqualTo(60);

        try (XSSFWorkbook workbook = new XSSFWorkbook(new ByteArrayInputStream(download("xlsx")))) {
            XSSFSheet sheet = workbook.getSheetAt(0);
            assertThat(sheet.getRow(3).getCell(0).getStringCellValue()).isEqualTo("合计");
            assertThat(((XSSFCell) sheet.getRow(3).getCell(1)).getCTCell().getV()).isEqualTo("4892.12");
            assertThat(((XSSFCell) sheet.getRow(3).getCell(9)).getCTCell().getV()).isEqualTo("4892.11");
            assertThat(sheet.getLastRowNum()).isEqualTo(3 + 1 + 4 + 60 - 1);
        }
    }

    @Test
    void theChangesSinceTheImportSayWhatWhoAndWhy() {
        JsonNode report = api.get(AUDITOR, "/api/v1/departments/" + departmentId + "/changes?from=" + imported + "&to="
                + Instant.now().plusSeconds(5)).body();
        JsonNode changes = report.get("changes");
        assertThat(changes).hasSize(4);
        assertThat(changes.get(0).get("eventType").asText()).isEqualTo("AllocationRevised");
        assertThat(changes.get(0).get("before").asText()).isEqualTo("15.00");
        assertThat(changes.get(0).get("after").asText()).isEqualTo("20.00");
        assertThat(changes.get(0).get("actor").asText()).isEqualTo(WRITER);
        assertThat(changes.get(0).get("reason").asText()).isEqualTo("追加来穗人员融合活动");
        assertThat(changes.get(3).get("what").asText()).contains("indicator 1 revised");
    }

    private byte[] download(String format) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port() + "/api/v1/departments/" + departmentId
                        + "/export?format=" + format + "&asOf=" + imported))
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString("audit-office:audit-secret".getBytes(StandardCharsets.UTF_8)))
                .GET().build();
        HttpResponse<byte[]> response = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofByteArray());
        assertThat(response.statusCode()).isEqualTo(200);
        return response.body();
    }
}
