package org.publicbudget.ledger.app.imports;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.publicbudget.ledger.app.support.Api;
import org.publicbudget.ledger.app.support.PostgresApiTest;

/** Importing documents over HTTP into PostgreSQL. Each test uses a fiscal year of its own, hence a department of its own. */
class ImportApiTest extends PostgresApiTest {

    private JsonNode importText(String text, int fiscalYear, String name, boolean dryRun, boolean detail, int expectedStatus) {
        Api.Response response = api.postText(WRITER, "/api/v1/imports?fiscalYear=" + fiscalYear + "&documentName=" + name
                + "&dryRun=" + dryRun + "&detail=" + detail, text);
        assertThat(response.status()).as(response.body().toString()).isEqualTo(expectedStatus);
        return response.body();
    }

    private long events() {
        return api.get(OPERATOR, "/api/v1/ops/stats").body().get("events").asLong();
    }

    /** The department once the read models hold every event in the store (the import's last one, its record, too). */
    private JsonNode departmentOnceCaughtUp(String departmentId, String computedTotal) {
        long head = api.get(OPERATOR, "/api/v1/ops/stats").body().get("headPosition").asLong();
        JsonNode department = api.get(AUDITOR, "/api/v1/departments/" + departmentId + "?minPosition=" + head).body();
        assertThat(department.get("computedTotal").asText()).isEqualTo(computedTotal);
        return department;
    }

    @Test
    void theSeedImportsCompletelyAndASecondImportAppendsNothing() {
        JsonNode report = importText(Seed.text(), 2031, Seed.NAME, false, false, 200);
        assertThat(report.get("document").get("sha256").asText())
                .isEqualTo("3f53165c97b3ccc8e21f07e413e06b22c25f0d3ba8be5075d3986e115bdc623d");
        assertThat(report.get("department").asText()).isEqualTo("广州市荔湾区人民政府石围塘街道办事处");
        assertThat(report.get("declaredTotal").asText()).isEqualTo("4892.11");
        assertThat(report.get("computedTotal").asText()).isEqualTo("4892.12");
        assertThat(report.get("projects").asInt()).isEqualTo(60);
        assertThat(report.get("indicators").asInt()).isEqualTo(243);
        assertThat(report.get("units")).hasSize(4);
        assertThat(report.get("units").get(0).get("variance").asText()).isEqualTo("0.01");
        assertThat(report.get("changes").get("projectsCreated").asInt()).isEqualTo(60);
        assertThat(report.get("changes").get("indicatorsAdded").asInt()).isEqualTo(243);
        assertThat(report.get("eventsAppended").asInt()).isEqualTo(310);
        List<String> kinds = new ArrayList<>();
        report.get("findings").forEach(f -> kinds.add(f.get("kind").asText()));
        assertThat(kinds).containsOnly("TOTAL_VARIANCE", "PAGE_REPEAT", "CATEGORY_MISMATCH", "TARGETS_DIFFER").hasSize(22);

        long before = events();
        JsonNode again = importText(Seed.text(), 2031, Seed.NAME, false, false, 200);
        assertThat(again.get("eventsAppended").asInt()).isZero();
        assertThat(again.get("changes").get("projectsCreated").asInt()).isZero();
        assertThat(events()).isEqualTo(before);

        String departmentId = report.get("departmentId").asText();
        JsonNode department = departmentOnceCaughtUp(departmentId, "4892.12");
        assertThat(department.get("declaredTotal").asText()).isEqualTo("4892.11");
        assertThat(department.get("variance").asText()).isEqualTo("0.01");

        JsonNode units = api.get(AUDITOR, "/api/v1/departments/" + departmentId + "/units").body();
        JsonNode security = null;
        for (JsonNode unit : units) {
            if (unit.get("name").asText().endsWith("综合保障中心")) {
                security = unit;
            }
        }
        assertThat(security.get("declaredTotal").asText()).isEqualTo("644.08");
        assertThat(security.get("projects").asInt()).isEqualTo(3);
        JsonNode trail = api.get(AUDITOR, "/api/v1/units/" + security.get("unitId").asText() + "/trail").body();
        assertThat(trail.get("steps")).hasSize(3);
        assertThat(trail.get("finalValue").asText()).isEqualTo("644.08");
        assertThat(trail.get("consistent").asBoolean()).isTrue();
        JsonNode step = trail.get("steps").get(0);
        assertThat(step.get("document").asText()).isEqualTo(Seed.NAME);
        assertThat(step.get("sourceLines").asText()).isEqualTo("1626–1648");
        assertThat(step.get("delta").asText()).isEqualTo("15.00");

        // the import is on record once (the repeat changed nothing), with its findings quoting their lines
        JsonNode imports = api.get(AUDITOR, "/api/v1/departments/" + departmentId + "/imports").body();
        assertThat(imports).hasSize(1);
        JsonNode imported = imports.get(0);
        assertThat(imported.get("document").asText()).isEqualTo(Seed.NAME);
        assertThat(imported.get("sha256").asText()).isEqualTo(report.get("document").get("sha256").asText());
        assertThat(imported.get("actor").asText()).isEqualTo(WRITER);
        assertThat(imported.get("variance").asText()).isEqualTo("0.01");
        assertThat(imported.get("changes").get("projectsCreated").asInt()).isEqualTo(60);
        assertThat(imported.get("changes").get("events").asInt()).isEqualTo(309);
        JsonNode recorded = report.get("findings").deepCopy();
        // the record keeps each finding's line and text; where to find it in the document is the report's own
        recorded.forEach(finding -> ((com.fasterxml.jackson.databind.node.ObjectNode) finding).remove("locator"));
        assertThat(imported.get("findings")).isEqualTo(recorded).hasSize(22);
        List<String> lines = Seed.text().lines().toList();
        imported.get("findings").forEach(finding -> assertThat(finding.get("source").asText())
                .isEqualTo(lines.get(finding.get("line").asInt() - 1).strip()).isNotBlank());
    }

    @Test
    void aRevisedEditionImportsAsExactlyItsDifferences() {
        importText(Seed.text(), 2032, Seed.NAME, false, false, 200);
        String seed = Seed.text();
        String peoplesCongressRow = seed.substring(seed.indexOf("    人大相"), seed.indexOf("    妇女团"));
        String revised = seed
                .replace("59.84 59.84\n", "61.00 61.00\n")
                .replace(peoplesCongressRow, "")
                .replace("年度指标值:100%\n\n。\n\n    办公场", "年度指标值:100%。5、3-满意度指标；31-服务对象满意度；编外人员满意度；实施周期指标值:90%；年度指标值:90%。\n\n    办公场")
                .replace("    区级就\n", "    新增试点\n项目经费\n1.50 1.50\n开展试点。\n1、1-产出指标；11-数量指标；试点数量；实施周期指标值:1个；年度指标值:1个。\n    区级就\n");
        assertThat(revised).doesNotContain("人大相").contains("61.00 61.00").contains("新增试点").contains("编外人员满意度");

        JsonNode dryRun = importText(revised, 2032, "revised.txt", true, false, 200);
        long before = events();
        JsonNode report = importText(revised, 2032, "revised.txt", false, false, 200);
        assertThat(events() - before).isEqualTo(report.get("eventsAppended").asLong());
        assertThat(dryRun.get("changes")).isEqualTo(report.get("changes"));

        JsonNode changes = report.get("changes");
        assertThat(changes.get("allocationsRevised").asInt()).isEqualTo(1);
        assertThat(changes.get("projectsCreated").asInt()).isEqualTo(1);
        assertThat(changes.get("indicatorsAdded").asInt()).isEqualTo(2);
        assertThat(changes.get("indicatorsRevised").asInt()).isZero();
        assertThat(changes.get("indicatorsRemoved").asInt()).isZero();
        assertThat(changes.get("projectsWithdrawn").asInt()).isEqualTo(1);
        assertThat(report.get("eventsAppended").asInt()).isEqualTo(7);

        // 3,599.00 − 5.00 (withdrawn) + 1.16 (revised) + 1.50 (new) in the first unit; the other units unchanged
        String departmentId = report.get("departmentId").asText();
        departmentOnceCaughtUp(departmentId, "4889.78");
        JsonNode trail = api.get(AUDITOR, "/api/v1/departments/" + departmentId + "/trail").body();
        assertThat(trail.get("finalValue").asText()).isEqualTo("4889.78");
        assertThat(trail.get("consistent").asBoolean()).isTrue();
        JsonNode withdrawal = null;
        for (JsonNode step : trail.get("steps")) {
            if (step.get("eventType").asText().equals("ProjectWithdrawn")) {
                withdrawal = step;
            }
        }
        assertThat(withdrawal.get("delta").asText()).isEqualTo("-5.00");
        assertThat(withdrawal.get("reason").asText()).isEqualTo("not listed in revised.txt");

        JsonNode imports = api.get(AUDITOR, "/api/v1/departments/" + departmentId + "/imports").body();
        assertThat(imports).hasSize(2);
        assertThat(imports.get(1).get("document").asText()).isEqualTo("revised.txt");
        assertThat(imports.get(1).get("changes").get("projectsWithdrawn").asInt()).isEqualTo(1);
        assertThat(imports.get(1).get("changes").get("events").asInt()).isEqualTo(6);
        long revisedAt = imports.get(1).get("position").asLong();
        assertThat(api.get(AUDITOR, "/api/v1/departments/" + departmentId + "/imports?atPosition=" + (revisedAt - 1)).body()).hasSize(1);
        assertThat(api.get(AUDITOR, "/api/v1/departments/no-such-department/imports").status()).isEqualTo(404);
    }

    @Test
    void aDryRunReportsButAppendsNothing() {
        long before = events();
        JsonNode report = importText(Seed.text(), 2033, Seed.NAME, true, true, 200);
        assertThat(report.get("dryRun").asBoolean()).isTrue();
        assertThat(report.get("eventsAppended").asInt()).isEqualTo(310);
        assertThat(events()).isEqualTo(before);
        JsonNode first = report.get("extracted").get("units").get(0).get("projects").get(0);
        assertThat(first.get("name").asText()).isEqualTo("编外人员聘用经费");
        assertThat(first.get("allocations").get("FISCAL_APPROPRIATION").asText()).isEqualTo("59.84");
        JsonNode indicator = first.get("indicators").get(0);
        assertThat(indicator.get("no").isNumber()).isTrue();
        assertThat(indicator.get("level1").asText()).isEqualTo("1");
        assertThat(indicator.get("level2").asText()).isEqualTo("12");
        assertThat(indicator.get("target").get("comparator").asText()).isEqualTo("=");
        assertThat(indicator.get("target").get("value").asText()).isEqualTo("100");
        assertThat(indicator.get("target").get("unit").asText()).isEqualTo("%");
    }

    @Test
    void textThatIsNoBudgetTableIsRefusedWithNothingAppended() {
        long before = events();
        JsonNode problem = importText("Minutes of the meeting\nNothing to see here.\n", 2034, "minutes.txt", false, false, 422);
        assertThat(problem.get("field").asText()).isEqualTo("document");
        assertThat(events()).isEqualTo(before);
    }
}
