package org.publicbudget.ledger.app.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.publicbudget.ledger.app.support.Api;
import org.publicbudget.ledger.app.support.PostgresApiTest;

class ProjectApiTest extends PostgresApiTest {

    private String department;

    private String newProject(String unit, String name, String fiscalAppropriation, String other) {
        if (department == null) {
            department = "石围塘街道办事处 " + UUID.randomUUID();
        }
        Api.Response created = api.post(WRITER, "/api/v1/projects", """
                {"department":"%s","fiscalYear":2025,"unit":"%s","name":"%s","goal":"及时发放编外人员聘用经费",
                 "allocations":{"FISCAL_APPROPRIATION":"%s","SPECIAL_ACCOUNT":"0","OTHER":"%s"}}"""
                .formatted(department, unit, name, fiscalAppropriation, other));
        assertThat(created.status()).as(created.body().toString()).isEqualTo(201);
        return created.body().get("projectId").asText();
    }

    private Api.Response revise(String projectId, String source, String amount, String reason) {
        return api.post(WRITER, "/api/v1/projects/" + projectId + "/allocation-revisions",
                "{\"fundingSource\":\"%s\",\"amount\":\"%s\",\"reason\":\"%s\"}".formatted(source, amount, reason));
    }

    private JsonNode projectOnceAt(String projectId, long version) {
        await().atMost(Duration.ofSeconds(20)).until(() -> {
            Api.Response read = api.get(AUDITOR, "/api/v1/projects/" + projectId);
            return read.status() == 200 && read.body().get("version").asLong() >= version;
        });
        return api.get(AUDITOR, "/api/v1/projects/" + projectId).body();
    }

    @Test
    void aProjectRevisedTwiceHasAThreeStepTrailThatAddsUpToItsTotal() {
        String id = newProject("编外人员聘用单位", "编外人员聘用经费", "59.84", "0");
        assertThat(revise(id, "FISCAL_APPROPRIATION", "61.5", "年中调整").body().get("total").asText()).isEqualTo("61.50");
        Api.Response second = revise(id, "OTHER", "2.25", "追加其他资金");
        assertThat(second.status()).isEqualTo(200);
        assertThat(second.body().get("version").asLong()).isEqualTo(2);

        JsonNode project = projectOnceAt(id, 2);
        assertThat(project.get("total").asText()).isEqualTo("63.75");
        assertThat(project.get("allocations").get("OTHER").asText()).isEqualTo("2.25");

        JsonNode trail = api.get(AUDITOR, "/api/v1/projects/" + id + "/trail").body();
        assertThat(trail.get("steps")).hasSize(3);
        BigDecimal sum = BigDecimal.ZERO;
        long lastPosition = 0;
        for (JsonNode step : trail.get("steps")) {
            sum = sum.add(new BigDecimal(step.get("delta").asText()));
            assertThat(step.get("position").asLong()).isGreaterThan(lastPosition);
            lastPosition = step.get("position").asLong();
        }
        assertThat(sum).isEqualByComparingTo("63.75");
        assertThat(trail.get("finalValue").asText()).isEqualTo("63.75");
        assertThat(trail.get("consistent").asBoolean()).isTrue();
        JsonNode revision = trail.get("steps").get(1);
        assertThat(revision.get("eventType").asText()).isEqualTo("AllocationRevised");
        assertThat(revision.get("before").asText()).isEqualTo("59.84");
        assertThat(revision.get("delta").asText()).isEqualTo("1.66");
        assertThat(revision.get("after").asText()).isEqualTo("61.50");
        assertThat(revision.get("reason").asText()).isEqualTo("年中调整");
    }

    @Test
    void everyEventCarriesWhoWhyAndWhichRequest() {
        String id = newProject("综治信访单位", "综治信访维稳等专项工作经费", "5.00", "0");
        api.post(WRITER, "/api/v1/projects/" + id + "/allocation-revisions",
                "{\"fundingSource\":\"FISCAL_APPROPRIATION\",\"amount\":\"4.5\",\"reason\":\"压减\"}",
                Map.of("X-Request-Id", "req-42", "X-Correlation-Id", "batch-7"));
        projectOnceAt(id, 1);

        JsonNode steps = api.get(AUDITOR, "/api/v1/projects/" + id + "/trail").body().get("steps");
        assertThat(steps.get(0).get("actor").asText()).isEqualTo(WRITER);
        assertThat(steps.get(0).get("reason").asText()).isEqualTo("project created");
        assertThat(steps.get(0).get("requestId").asText()).isNotBlank();
        assertThat(steps.get(1).get("actor").asText()).isEqualTo(WRITER);
        assertThat(steps.get(1).get("reason").asText()).isEqualTo("压减");
        assertThat(steps.get(1).get("requestId").asText()).isEqualTo("req-42");
        assertThat(steps.get(1).get("correlationId").asText()).isEqualTo("batch-7");
    }

    @Test
    void unitAndDepartmentTotalsAddUpTheirProjectsPerFundingSource() {
        String first = newProject("街道办事处", "办公场地租赁费", "13.05", "0");
        String second = newProject("街道办事处", "家庭综合服务中心经费", "124.80", "1.20");
        String elsewhere = newProject("街道社区服务中心", "帮扶工作经费", "5.00", "0");
        revise(second, "FISCAL_APPROPRIATION", "120.00", "调剂");
        projectOnceAt(second, 1);
        projectOnceAt(first, 0);
        projectOnceAt(elsewhere, 0);

        JsonNode departments = api.get(AUDITOR, "/api/v1/departments").body();
        JsonNode ours = null;
        for (JsonNode d : departments) {
            if (d.get("name").asText().equals(department)) {
                ours = d;
            }
        }
        assertThat(ours).isNotNull();
        assertThat(ours.get("computedTotal").asText()).isEqualTo("139.25");
        assertThat(ours.get("declaredTotal").isNull()).isTrue();
        assertThat(ours.get("variance").isNull()).isTrue();
        String departmentId = ours.get("departmentId").asText();

        JsonNode units = api.get(AUDITOR, "/api/v1/departments/" + departmentId + "/units").body();
        assertThat(units).hasSize(2);
        JsonNode office = units.get(0).get("name").asText().equals("街道办事处") ? units.get(0) : units.get(1);
        assertThat(office.get("computedTotal").asText()).isEqualTo("134.25");
        assertThat(office.get("projects").asInt()).isEqualTo(2);
        assertThat(office.get("allocations").get("FISCAL_APPROPRIATION").asText()).isEqualTo("133.05");
        assertThat(office.get("allocations").get("OTHER").asText()).isEqualTo("1.20");

        String unitId = office.get("unitId").asText();
        JsonNode projects = api.get(AUDITOR, "/api/v1/units/" + unitId + "/projects").body();
        assertThat(projects).hasSize(2);

        JsonNode unitTrail = api.get(AUDITOR, "/api/v1/units/" + unitId + "/trail").body();
        assertThat(unitTrail.get("steps")).hasSize(3);
        assertThat(unitTrail.get("finalValue").asText()).isEqualTo("134.25");
        assertThat(unitTrail.get("consistent").asBoolean()).isTrue();

        JsonNode departmentTrail = api.get(AUDITOR, "/api/v1/departments/" + departmentId + "/trail").body();
        assertThat(departmentTrail.get("steps")).hasSize(4);
        assertThat(departmentTrail.get("finalValue").asText()).isEqualTo("139.25");
        assertThat(departmentTrail.get("consistent").asBoolean()).isTrue();
    }

    @Test
    void indicatorsAreNumberedAndShownWithTheProject() {
        String id = newProject("街道办事处", "妇女团组织等工作经费", "8.00", "0");
        Api.Response added = api.post(WRITER, "/api/v1/projects/" + id + "/indicators", """
                {"level1":"1","level2":"11","name":"街道妇女之家升级","periodTarget":"升级","annualTarget":"升级"}""");
        assertThat(added.status()).isEqualTo(201);
        assertThat(added.body().get("no").asInt()).isEqualTo(1);
        api.post(WRITER, "/api/v1/projects/" + id + "/indicators", """
                {"level1":"3","level2":"31","name":"辖内妇女儿童满意率","periodTarget":"90%以上","annualTarget":"90%以上"}""");

        JsonNode project = projectOnceAt(id, 2);
        assertThat(project.get("indicators")).hasSize(2);
        assertThat(project.get("indicators").get(1).get("no").asInt()).isEqualTo(2);
        assertThat(project.get("indicators").get(1).get("level2").asText()).isEqualTo("31");
        assertThat(project.get("indicators").get(1).get("annualTarget").asText()).isEqualTo("90%以上");
    }

    @Test
    void readsCarryTheVersionAsAnETag() {
        String id = newProject("街道办事处", "人大相关工作经费", "5.00", "0");
        revise(id, "FISCAL_APPROPRIATION", "6", "增加");
        projectOnceAt(id, 1);
        Api.Response read = api.get(AUDITOR, "/api/v1/projects/" + id);
        assertThat(read.headers().firstValue("ETag")).hasValue("\"1\"");
    }

    /** A unit known a moment ago is known: its declared total is taken at once, a unit never registered is not. */
    @Test
    void aUnitsTotalIsDeclaredRightAfterTheUnitIsRegisteredOrGetsItsFirstProject() {
        String registering = "登记即申报局 " + UUID.randomUUID();
        String departmentId = null;
        for (int i = 0; i < 10; i++) {
            String unit = "第" + i + "所";
            Api.Response registered = api.post(WRITER, "/api/v1/units",
                    "{\"department\":\"%s\",\"fiscalYear\":2025,\"unit\":\"%s\",\"reason\":\"新设\"}".formatted(registering, unit));
            assertThat(registered.status()).as(registered.body().toString()).isEqualTo(201);
            departmentId = registered.body().get("departmentId").asText();
            Api.Response declared = api.post(WRITER, "/api/v1/declared-totals",
                    "{\"department\":\"%s\",\"fiscalYear\":2025,\"unit\":\"%s\",\"amount\":\"10.00\",\"reason\":\"年初预算\"}"
                            .formatted(registering, unit));
            assertThat(declared.status()).as(unit + " " + declared.body()).isEqualTo(200);
        }
        assertThat(api.get(AUDITOR, "/api/v1/projects/" + departmentId + "/expenditures").status())
                .as("a department's budget is no project").isEqualTo(404);
        Api.Response payToDepartment = api.post(WRITER, "/api/v1/projects/" + departmentId + "/expenditures",
                "{\"fundingSource\":\"OTHER\",\"amount\":\"1.00\",\"paidOn\":\"2025-04-01\",\"voucherNo\":\"v\",\"reason\":\"r\"}");
        assertThat(payToDepartment.status()).isEqualTo(404);
        assertThat(payToDepartment.body().get("field").asText()).isEqualTo("projectId");
        Api.Response typoYear = api.post(WRITER, "/api/v1/declared-totals",
                "{\"department\":\"%s\",\"fiscalYear\":99999,\"amount\":\"1.00\",\"reason\":\"r\"}".formatted(registering));
        assertThat(typoYear.status()).isEqualTo(422);
        assertThat(typoYear.body().get("field").asText()).isEqualTo("fiscalYear");
        newProject("新成立的中心", "帮扶工作经费", "3.00", "0");
        Api.Response declared = api.post(WRITER, "/api/v1/declared-totals",
                "{\"department\":\"%s\",\"fiscalYear\":2025,\"unit\":\"新成立的中心\",\"amount\":\"3.00\",\"reason\":\"年初预算\"}"
                        .formatted(department));
        assertThat(declared.status()).as(declared.body().toString()).isEqualTo(200);
        Api.Response typo = api.post(WRITER, "/api/v1/declared-totals",
                "{\"department\":\"%s\",\"fiscalYear\":2025,\"unit\":\"新成立的中\",\"amount\":\"3.00\",\"reason\":\"年初预算\"}"
                        .formatted(department));
        assertThat(typo.status()).isEqualTo(404);
    }
}
