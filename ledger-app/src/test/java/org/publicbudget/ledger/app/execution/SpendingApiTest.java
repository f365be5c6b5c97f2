package org.publicbudget.ledger.app.execution;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.publicbudget.ledger.app.imports.Seed;
import org.publicbudget.ledger.app.support.Api;
import org.publicbudget.ledger.app.support.PostgresApiTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/** Payments against allocations over HTTP: the overspending rule, reversals, execution in every read, as of any moment, and trails. */
class SpendingApiTest extends PostgresApiTest {

    @Autowired
    private JdbcTemplate database;

    private final String department = "支出测试局 " + UUID.randomUUID();

    private JsonNode create(String unit, String name, String fiscal, String other) {
        Api.Response created = api.post(WRITER, "/api/v1/projects", """
                {"department":"%s","fiscalYear":2021,"unit":"%s","name":"%s",
                 "allocations":{"FISCAL_APPROPRIATION":"%s","OTHER":"%s"}}""".formatted(department, unit, name, fiscal, other));
        assertThat(created.status()).as(created.body().toString()).isEqualTo(201);
        return created.body();
    }

    private Api.Response pay(String projectId, String source, String amount, String voucher) {
        return api.post(WRITER, "/api/v1/projects/" + projectId + "/expenditures", """
                {"fundingSource":"%s","amount":"%s","paidOn":"2021-04-15","voucherNo":"%s","reason":"设备采购"}"""
                .formatted(source, amount, voucher));
    }

    private long events(String projectId) {
        return database.queryForObject("SELECT COUNT(*) FROM domainevententry WHERE aggregateIdentifier = ?", Long.class, projectId);
    }

    private JsonNode project(String projectId, String query) {
        Api.Response read = api.get(AUDITOR, "/api/v1/projects/" + projectId + query);
        assertThat(read.status()).as(read.body().toString()).isEqualTo(200);
        return read.body();
    }

    @Test
    void overspendingIsRefusedWithTheBalanceAndNothingAppendedWhileExactlyTheBalanceIsPaid() {
        String id = create("一所", "设备购置", "3.00", "1.00").get("projectId").asText();
        Api.Response first = pay(id, "FISCAL_APPROPRIATION", "1.25", "记-001");
        assertThat(first.status()).as(first.body().toString()).isEqualTo(201);
        assertThat(first.body().get("expenditureId").asText()).isNotBlank();
        assertThat(first.body().get("version").asLong()).isEqualTo(1);
        assertThat(first.body().get("position").asLong()).isPositive();
        assertThat(first.headers().firstValue("Location").orElseThrow()).endsWith("/expenditures/" + first.body().get("expenditureId").asText());

        long before = events(id);
        Api.Response over = pay(id, "FISCAL_APPROPRIATION", "1.76", "记-002");
        assertThat(over.status()).isEqualTo(422);
        assertThat(over.contentType()).startsWith("application/problem+json");
        assertThat(over.body().get("field").asText()).isEqualTo("amount");
        assertThat(over.body().get("detail").asText()).contains("available balance of FISCAL_APPROPRIATION is 1.75");
        assertThat(events(id)).isEqualTo(before);

        Api.Response atTheLimit = pay(id, "FISCAL_APPROPRIATION", "1.75", "记-002");
        assertThat(atTheLimit.status()).isEqualTo(201);
        assertThat(atTheLimit.body().get("available").asText()).isEqualTo("0.00");
        assertThat(pay(id, "FISCAL_APPROPRIATION", "0.000001", "记-003").status()).isEqualTo(422);

        JsonNode project = project(id, "");
        assertThat(project.get("spent").asText()).isEqualTo("3.00");
        assertThat(project.get("available").asText()).isEqualTo("1.00");
        assertThat(project.get("executionRate").asText()).isEqualTo("0.7500");
        assertThat(project.get("spentBySource").get("FISCAL_APPROPRIATION").asText()).isEqualTo("3.00");
        assertThat(project.get("availableBySource").get("OTHER").asText()).isEqualTo("1.00");
        assertThat(project.get("executionRateBySource").get("FISCAL_APPROPRIATION").asText()).isEqualTo("1.0000");
        assertThat(project.get("executionRateBySource").get("SPECIAL_ACCOUNT").isNull()).as("nothing allocated, no rate").isTrue();
    }

    @Test
    void aReversalRestoresTheBalanceAndTheHistoryKeepsBoth() {
        String id = create("二所", "培训经费", "2.00", "0").get("projectId").asText();
        String payment = pay(id, "FISCAL_APPROPRIATION", "2.00", "记-101").body().get("expenditureId").asText();
        assertThat(pay(id, "FISCAL_APPROPRIATION", "0.01", "记-102").status()).isEqualTo(422);

        String reverse = "{\"reversedOn\":\"2021-05-02\",\"voucherNo\":\"%s\",\"reason\":\"重复入账\"}";
        Api.Response reversal = api.post(WRITER, "/api/v1/projects/" + id + "/expenditures/" + payment + "/reversal", reverse.formatted("红-101"));
        assertThat(reversal.status()).as(reversal.body().toString()).isEqualTo(200);
        assertThat(reversal.body().get("available").asText()).isEqualTo("2.00");
        assertThat(api.post(WRITER, "/api/v1/projects/" + id + "/expenditures/" + payment + "/reversal", reverse.formatted("红-102"))
                .body().get("field").asText()).isEqualTo("expenditureId");
        assertThat(api.post(WRITER, "/api/v1/projects/" + id + "/expenditures/no-such/reversal", reverse.formatted("红-103")).status())
                .isEqualTo(404);
        assertThat(api.post(WRITER, "/api/v1/projects/" + id + "/expenditures/" + payment + "/reversal",
                "{\"reversedOn\":\"2021/05/02\",\"reason\":\"r\"}").body().get("field").asText()).isEqualTo("reversedOn");

        JsonNode recorded = api.get(AUDITOR, "/api/v1/projects/" + id + "/expenditures/" + payment).body();
        assertThat(recorded.get("amount").asText()).isEqualTo("2.00");
        assertThat(recorded.get("payment").get("voucherNo").asText()).isEqualTo("记-101");
        assertThat(recorded.get("payment").get("date").asText()).isEqualTo("2021-04-15");
        assertThat(recorded.get("reversal").get("voucherNo").asText()).isEqualTo("红-101");
        assertThat(recorded.get("reversal").get("date").asText()).isEqualTo("2021-05-02");
        assertThat(api.get(AUDITOR, "/api/v1/projects/" + id + "/expenditures/no-such").status()).isEqualTo(404);
        Api.Response again = pay(id, "FISCAL_APPROPRIATION", "2.00", "记-101");
        assertThat(again.status()).as("its voucher may pay again once reversed").isEqualTo(201);

        JsonNode trail = api.get(AUDITOR, "/api/v1/projects/" + id + "/trail?figure=spent&minPosition=" + again.body().get("position")).body();
        assertThat(trail.get("figure").asText()).isEqualTo("project/" + id + "/spent");
        assertThat(trail.get("steps").findValuesAsText("eventType"))
                .containsExactly("ExpenditureRecorded", "ExpenditureReversed", "ExpenditureRecorded");
        assertThat(trail.get("steps").findValuesAsText("delta")).containsExactly("2.00", "-2.00", "2.00");
        assertThat(trail.get("steps").findValuesAsText("voucherNo")).containsExactly("记-101", "红-101", "记-101");
        assertThat(trail.get("steps").findValuesAsText("paidOn")).containsExactly("2021-04-15", "2021-05-02", "2021-04-15");
        JsonNode first = trail.get("steps").get(0);
        assertThat(first.get("paidOn").asText()).isEqualTo("2021-04-15");
        assertThat(first.get("actor").asText()).isEqualTo(WRITER);
        assertThat(first.get("expenditureId").asText()).isEqualTo(payment);
        assertThat(trail.get("finalValue").asText()).isEqualTo("2.00");
        assertThat(trail.get("consistent").asBoolean()).isTrue();
        JsonNode allocation = api.get(AUDITOR, "/api/v1/projects/" + id + "/trail").body();
        assertThat(allocation.get("steps")).as("payments do not show in the allocation's trail").hasSize(1);
    }

    @Test
    void aProjectsPaymentsAreListedOldestFirstWithTheirReversalsAsOfAnyMomentAndInPages() {
        JsonNode created = create("三所", "会议经费", "5.00", "2.00");
        String id = created.get("projectId").asText();
        String first = pay(id, "FISCAL_APPROPRIATION", "1.00", "记-201").body().get("expenditureId").asText();
        pay(id, "OTHER", "0.50", "记-202");
        Api.Response third = pay(id, "FISCAL_APPROPRIATION", "2.00", "记-203");
        Api.Response reversal = api.post(WRITER, "/api/v1/projects/" + id + "/expenditures/" + first + "/reversal",
                "{\"reversedOn\":\"2021-05-02\",\"voucherNo\":\"红-201\",\"reason\":\"退回\"}");
        assertThat(reversal.status()).as(reversal.body().toString()).isEqualTo(200);
        String list = "/api/v1/projects/" + id + "/expenditures";

        JsonNode all = api.get(AUDITOR, list + "?minPosition=" + reversal.body().get("position")).body();
        assertThat(all.findValuesAsText("expenditureId")).hasSize(3).first().isEqualTo(first);
        assertThat(all.findValuesAsText("amount")).containsExactly("1.00", "0.50", "2.00");
        assertThat(all.findValuesAsText("fundingSource")).containsExactly("FISCAL_APPROPRIATION", "OTHER", "FISCAL_APPROPRIATION");
        assertThat(all.get(0).get("reversal").get("voucherNo").asText()).isEqualTo("红-201");
        assertThat(all.get(1).get("reversal").isNull()).isTrue();
        assertThat(all.get(2).get("payment").get("actor").asText()).isEqualTo(WRITER);

        assertThat(api.get(AUDITOR, list + "?fundingSource=OTHER").body().findValuesAsText("amount")).containsExactly("0.50");
        JsonNode before = api.get(AUDITOR, list + "?atPosition=" + third.body().get("position")).body();
        assertThat(before.get(0).get("reversal").isNull()).as("not yet reversed then").isTrue();
        String one = list + "/" + first + "?atPosition=";
        assertThat(api.get(AUDITOR, one + third.body().get("position")).body().get("reversal").isNull()).isTrue();
        assertThat(api.get(AUDITOR, one + (all.get(0).get("payment").get("position").asLong() - 1)).status())
                .as("not yet paid then").isEqualTo(404);

        Api.Response page = api.get(AUDITOR, list + "?limit=2");
        assertThat(page.body()).hasSize(2);
        String next = page.headers().firstValue("Link").orElseThrow();
        assertThat(api.get(AUDITOR, next.substring(1, next.indexOf('>'))).body().findValuesAsText("voucherNo"))
                .containsExactly("记-203");
        assertThat(api.get(AUDITOR, list + "?limit=0").body().get("field").asText()).isEqualTo("limit");
        assertThat(api.get(AUDITOR, "/api/v1/projects/no-such/expenditures").status()).isEqualTo(404);
        Api.Response beforeItWas = api.get(AUDITOR, "/api/v1/projects/" + id + "?atPosition=" + (created.get("position").asLong() - 1));
        assertThat(beforeItWas.status()).isEqualTo(404);
        assertThat(beforeItWas.body().get("field").asText()).isEqualTo("atPosition");
        assertThat(beforeItWas.body().get("detail").asText()).contains("created later");
    }

    /**
     * A payment as the books have it: its payee (收款人) and economic class (政府支出经济分类,
     * here typed in full-width digits), kept, listed, on the trail and in the payments export.
     */
    @Test
    void aPaymentKeepsItsPayeeAndEconomicClass() {
        JsonNode project = create("四所", "差旅经费", "5.00", "0.00");
        String id = project.get("projectId").asText();
        Api.Response paid = api.post(WRITER, "/api/v1/projects/" + id + "/expenditures", """
                {"fundingSource":"FISCAL_APPROPRIATION","amount":"1.20","paidOn":"2021-04-15","voucherNo":"记-401","reason":"差旅",
                 "payee":"广州市某某旅行社有限公司","economicClass":"３０２１１"}""");
        assertThat(paid.status()).as(paid.body().toString()).isEqualTo(201);
        long at = paid.body().get("position").asLong();

        JsonNode listed = api.get(AUDITOR, "/api/v1/projects/" + id + "/expenditures?minPosition=" + at).body().get(0).get("payment");
        assertThat(listed.get("payee").asText()).isEqualTo("广州市某某旅行社有限公司");
        assertThat(listed.get("economicClass").asText()).isEqualTo("30211");
        JsonNode step = api.get(AUDITOR, "/api/v1/projects/" + id + "/trail?figure=spent").body().get("steps").get(0);
        assertThat(step.get("payee").asText()).isEqualTo("广州市某某旅行社有限公司");
        assertThat(step.get("economicClass").asText()).isEqualTo("30211");

        String csv = new String(api.getBytes(AUDITOR, "/api/v1/departments/" + project.get("departmentId").asText()
                + "/payments?format=csv&minPosition=" + at), java.nio.charset.StandardCharsets.UTF_8);
        assertThat(csv).startsWith("\uFEFF\"支出明细表\"").contains("生成时间：")
                .contains("\"财政拨款\",\"1.20\",\"2021-04-15\",\"记-401\",\"广州市某某旅行社有限公司\",\"30211\",\"差旅\"");

        long before = events(id);
        for (String wrong : new String[] {"3021", "302-11", "３０２１１x"}) {
            Api.Response refused = api.post(WRITER, "/api/v1/projects/" + id + "/expenditures", """
                    {"fundingSource":"FISCAL_APPROPRIATION","amount":"0.10","paidOn":"2021-04-15","voucherNo":"记-402","reason":"差旅",
                     "economicClass":"%s"}""".formatted(wrong));
            assertThat(refused.status()).as(wrong).isEqualTo(422);
            assertThat(refused.body().get("field").asText()).isEqualTo("economicClass");
        }
        assertThat(events(id)).as("nothing appended").isEqualTo(before);
    }

    /** A body that says two things is refused, not read one way: a field given twice, a second object after the first. */
    @Test
    void aPaymentWhoseBodySaysTwoThingsIsRefusedAndNothingIsPaid() {
        String id = create("五所", "邮电费", "1.00", "0").get("projectId").asText();
        long before = events(id);
        Api.Response twice = api.post(WRITER, "/api/v1/projects/" + id + "/expenditures", """
                {"fundingSource":"FISCAL_APPROPRIATION","amount":"0.02","amount":"1.00","paidOn":"2021-04-15","voucherNo":"记-501","reason":"r"}""");
        assertThat(twice.status()).isEqualTo(400);
        assertThat(twice.body().get("field").asText()).isEqualTo("amount");
        Api.Response two = api.post(WRITER, "/api/v1/projects/" + id + "/expenditures", """
                {"fundingSource":"FISCAL_APPROPRIATION","amount":"0.02","paidOn":"2021-04-15","voucherNo":"记-502","reason":"r"}
                {"fundingSource":"FISCAL_APPROPRIATION","amount":"0.03","paidOn":"2021-04-15","voucherNo":"记-503","reason":"r"}""");
        assertThat(two.status()).isEqualTo(400);
        assertThat(two.body().get("detail").asText()).contains("more than one JSON value");
        assertThat(events(id)).isEqualTo(before);
    }

    /** The reason is all a reversal needs: a fiscal year that has ended dates it on its last day, and it has no voucher. */
    @Test
    void aReversalGivenOnlyItsReasonIsDatedAtTheEndOfTheYearThatHasEnded() {
        String id = create("四所", "印刷费", "1.00", "0").get("projectId").asText();
        String payment = pay(id, "FISCAL_APPROPRIATION", "0.40", "记-401").body().get("expenditureId").asText();
        Api.Response reversal = api.post(WRITER, "/api/v1/projects/" + id + "/expenditures/" + payment + "/reversal", "{\"reason\":\"错付\"}");
        assertThat(reversal.status()).as(reversal.body().toString()).isEqualTo(200);
        assertThat(reversal.body().get("available").asText()).isEqualTo("1.00");
        JsonNode reversed = api.get(AUDITOR, "/api/v1/projects/" + id + "/expenditures/" + payment).body().get("reversal");
        assertThat(reversed.get("date").asText()).isEqualTo("2021-12-31");
        assertThat(reversed.get("voucherNo").isNull()).isTrue();
        assertThat(reversed.get("reason").asText()).isEqualTo("错付");
    }

    @Test
    void anAllocationCutOrATransferBelowWhatIsSpentIsRefused() {
        String id = create("三所", "宣传经费", "5.00", "0").get("projectId").asText();
        String other = create("三所", "宣传经费二", "1.00", "0").get("projectId").asText();
        assertThat(pay(id, "FISCAL_APPROPRIATION", "4.00", "记-201").status()).isEqualTo(201);
        long before = events(id);

        Api.Response cut = api.post(WRITER, "/api/v1/projects/" + id + "/allocation-revisions",
                "{\"fundingSource\":\"FISCAL_APPROPRIATION\",\"amount\":\"3.99\",\"reason\":\"压减\"}");
        assertThat(cut.status()).isEqualTo(422);
        assertThat(cut.body().get("field").asText()).isEqualTo("amount");
        assertThat(cut.body().get("detail").asText()).contains("already paid 4.00");
        Api.Response transfer = api.post(WRITER, "/api/v1/transfers", """
                {"fromProjectId":"%s","toProjectId":"%s","fundingSource":"FISCAL_APPROPRIATION","amount":"1.01","reason":"调剂"}"""
                .formatted(id, other));
        assertThat(transfer.status()).isEqualTo(422);
        assertThat(transfer.body().get("detail").asText()).contains("already paid 4.00");
        Api.Response withdrawal = api.post(WRITER, "/api/v1/projects/" + id + "/withdrawal", "{\"reason\":\"撤销\"}");
        assertThat(withdrawal.status()).isEqualTo(422);
        assertThat(withdrawal.body().get("field").asText()).isEqualTo("projectId");
        assertThat(withdrawal.body().get("detail").asText()).contains("has paid 4.00");
        assertThat(events(id)).isEqualTo(before);

        assertThat(api.post(WRITER, "/api/v1/projects/" + id + "/allocation-revisions",
                "{\"fundingSource\":\"FISCAL_APPROPRIATION\",\"amount\":\"4.00\",\"reason\":\"压减至已支出\"}").status()).isEqualTo(200);
    }

    @Test
    void badPaymentsAreRefusedFieldByField() {
        String id = create("四所", "办公经费", "1.00", "0").get("projectId").asText();
        record Case(String body, int status, String field) {
        }
        for (Case c : List.of(
                new Case("{\"fundingSource\":\"OTHER\",\"amount\":\"0.50\",\"paidOn\":\"2021-01-01\",\"voucherNo\":\"v\",\"reason\":\"r\"}", 422, "amount"),
                new Case("{\"fundingSource\":\"FISCAL_APPROPRIATION\",\"amount\":\"-1\",\"paidOn\":\"2021-01-01\",\"voucherNo\":\"v\",\"reason\":\"r\"}", 400, "amount"),
                new Case("{\"fundingSource\":\"FISCAL_APPROPRIATION\",\"amount\":\"0\",\"paidOn\":\"2021-01-01\",\"voucherNo\":\"v\",\"reason\":\"r\"}", 422, "amount"),
                new Case("{\"fundingSource\":\"FISCAL_APPROPRIATION\",\"amount\":\"0.50\",\"voucherNo\":\"v\",\"reason\":\"r\"}", 400, "paidOn"),
                new Case("{\"fundingSource\":\"FISCAL_APPROPRIATION\",\"amount\":\"0.50\",\"paidOn\":\"04/15/2021\",\"voucherNo\":\"v\",\"reason\":\"r\"}", 400, "paidOn"),
                new Case("{\"fundingSource\":\"FISCAL_APPROPRIATION\",\"amount\":\"0.50\",\"paidOn\":\"2022-01-01\",\"voucherNo\":\"v\",\"reason\":\"r\"}", 422, "paidOn"),
                new Case("{\"fundingSource\":\"FISCAL_APPROPRIATION\",\"amount\":\"0.50\",\"paidOn\":\"2021-01-01\",\"reason\":\"r\"}", 400, "voucherNo"),
                new Case("{\"amount\":\"0.50\",\"paidOn\":\"2021-01-01\",\"voucherNo\":\"v\",\"reason\":\"r\"}", 400, "fundingSource"),
                new Case("{\"fundingSource\":\"CASH\",\"amount\":\"0.50\",\"paidOn\":\"2021-01-01\",\"voucherNo\":\"v\",\"reason\":\"r\"}", 400, "fundingSource"),
                new Case("{\"fundingSource\":\"FISCAL_APPROPRIATION\",\"amount\":\"0.50\",\"paidOn\":\"2021-01-01\",\"voucherNo\":\"v\"}", 400, "reason"),
                new Case("{\"fundingSource\":\"FISCAL_APPROPRIATION\",\"amount\":\"0.50\",\"paidOn\":\"2099-01-01\",\"voucherNo\":\"v\",\"reason\":\"r\"}", 400, "paidOn"),
                new Case("{\"fundingSource\":\"FISCAL_APPROPRIATION\",\"amount\":\"0.50\",\"paidOn\":\"2021-01-01\",\"voucherNo\":\"" + "v".repeat(101)
                        + "\",\"reason\":\"r\"}", 400, "voucherNo"))) {
            Api.Response refused = api.post(WRITER, "/api/v1/projects/" + id + "/expenditures", c.body());
            assertThat(refused.status()).as(c.body() + " → " + refused.body()).isEqualTo(c.status());
            assertThat(refused.body().get("field").asText()).as(c.body()).isEqualTo(c.field());
        }
        assertThat(events(id)).isEqualTo(1);
        assertThat(api.post(AUDITOR, "/api/v1/projects/" + id + "/expenditures",
                "{\"fundingSource\":\"FISCAL_APPROPRIATION\",\"amount\":\"0.50\",\"paidOn\":\"2021-01-01\",\"voucherNo\":\"v\",\"reason\":\"r\"}")
                .status()).as("an auditor reads, never pays").isEqualTo(403);
    }

    @Test
    void unitsAndDepartmentsAddUpTheirProjectsSpendingAsOfAnyMoment() {
        JsonNode a = create("五所", "项目甲", "3.00", "0");
        String unitId = a.get("unitId").asText();
        String departmentId = a.get("departmentId").asText();
        String b = create("五所", "项目乙", "0", "7.00").get("projectId").asText();
        long beforePayments = pay(a.get("projectId").asText(), "FISCAL_APPROPRIATION", "1.00", "记-301").body().get("position").asLong() - 1;
        long afterFirst = pay(b, "OTHER", "2.00", "记-302").body().get("position").asLong();
        long last = pay(b, "OTHER", "0.333333", "记-303").body().get("position").asLong();

        JsonNode unit = api.get(AUDITOR, "/api/v1/units/" + unitId + "?minPosition=" + last).body();
        assertThat(unit.get("computedTotal").asText()).isEqualTo("10.00");
        assertThat(unit.get("spent").asText()).isEqualTo("3.333333");
        assertThat(unit.get("available").asText()).isEqualTo("6.666667");
        assertThat(unit.get("executionRate").asText()).as("3.333333 ÷ 10, four decimals, toward zero").isEqualTo("0.3333");
        assertThat(unit.get("executionRateBySource").get("OTHER").asText()).as("2.333333 ÷ 7 = 0.33333329, toward zero").isEqualTo("0.3333");
        JsonNode department = api.get(AUDITOR, "/api/v1/departments/" + departmentId + "?minPosition=" + last).body();
        assertThat(department.get("spent").asText()).isEqualTo("3.333333");
        assertThat(department.get("spentBySource").get("OTHER").asText()).isEqualTo("2.333333");
        JsonNode listed = api.get(AUDITOR, "/api/v1/units/" + unitId + "/projects?minPosition=" + last).body();
        assertThat(listed.findValuesAsText("spent")).containsExactly("1.00", "2.333333");

        JsonNode then = api.get(AUDITOR, "/api/v1/units/" + unitId + "?atPosition=" + afterFirst).body();
        assertThat(then.get("spent").asText()).isEqualTo("3.00");
        assertThat(api.get(AUDITOR, "/api/v1/departments/" + departmentId + "?atPosition=" + beforePayments).body().get("spent").asText())
                .isEqualTo("0.00");
        assertThat(project(b, "?atPosition=" + afterFirst).get("available").asText()).isEqualTo("5.00");

        for (String path : List.of("/api/v1/units/" + unitId, "/api/v1/departments/" + departmentId)) {
            JsonNode trail = api.get(AUDITOR, path + "/trail?figure=spent&minPosition=" + last).body();
            assertThat(trail.get("steps").findValuesAsText("voucherNo")).as(path).containsExactly("记-301", "记-302", "记-303");
            assertThat(trail.get("finalValue").asText()).isEqualTo("3.333333");
            JsonNode asOf = api.get(AUDITOR, path + "/trail?figure=spent&atPosition=" + afterFirst).body();
            assertThat(asOf.get("finalValue").asText()).isEqualTo("3.00");
        }
        assertThat(api.get(AUDITOR, "/api/v1/units/" + unitId + "/trail?figure=paid").status()).isEqualTo(400);
    }

    /**
     * A revised document imported after money was paid: the import would cut 编外人员聘用经费
     * from 59.84 to 19.84 though 20.00 of it is paid, so it is refused whole and nothing is appended.
     */
    @Test
    void aDocumentThatWouldCutAnAllocationBelowWhatIsPaidIsNotImported() {
        Api.Response imported = api.postText(WRITER, "/api/v1/imports?fiscalYear=2020&documentName=" + Seed.NAME, Seed.text());
        assertThat(imported.status()).isEqualTo(200);
        long head = api.get(OPERATOR, "/api/v1/ops/stats").body().get("headPosition").asLong();
        String projectId = null;
        for (JsonNode unit : api.get(AUDITOR, "/api/v1/departments/" + imported.body().get("departmentId").asText() + "/units?minPosition="
                + head).body()) {
            for (JsonNode project : api.get(AUDITOR, "/api/v1/units/" + unit.get("unitId").asText() + "/projects").body()) {
                // other units have a project of this name too: the one the document lists at 59.84
                if (project.get("name").asText().equals("编外人员聘用经费") && project.get("total").asText().equals("59.84")) {
                    projectId = project.get("projectId").asText();
                }
            }
        }
        assertThat(projectId).isNotNull();
        assertThat(api.post(WRITER, "/api/v1/projects/" + projectId + "/expenditures", """
                {"fundingSource":"FISCAL_APPROPRIATION","amount":"20.00","paidOn":"2020-03-01","voucherNo":"记-0301","reason":"工资"}""")
                .status()).isEqualTo(201);
        long before = api.get(OPERATOR, "/api/v1/ops/stats").body().get("events").asLong();

        Api.Response refused = api.postText(WRITER, "/api/v1/imports?fiscalYear=2020&documentName=revised.txt",
                Seed.text().replace("59.84 59.84", "19.84 19.84"));
        assertThat(refused.status()).as(refused.body().toString()).isEqualTo(422);
        assertThat(refused.body().get("field").asText()).isEqualTo("allocations.FISCAL_APPROPRIATION");
        assertThat(refused.body().get("detail").asText()).contains("already paid 20.00");
        assertThat(api.get(OPERATOR, "/api/v1/ops/stats").body().get("events").asLong()).isEqualTo(before);
    }

    @Test
    void aBatchPaysAndRefusesAsAWhole() {
        String id = create("六所", "批量支付", "1.00", "0").get("projectId").asText();
        String payment = "{\"type\":\"EXPENDITURE\",\"projectId\":\"" + id
                + "\",\"fundingSource\":\"FISCAL_APPROPRIATION\",\"amount\":\"%s\",\"paidOn\":\"2021-05-01\",\"voucherNo\":\"%s\",\"reason\":\"批量\"}";
        Api.Response refused = api.post(WRITER, "/api/v1/batches", "{\"commands\":[" + payment.formatted("0.60", "记-1") + ","
                + payment.formatted("0.60", "记-2") + "]}");
        assertThat(refused.status()).as(refused.body().toString()).isEqualTo(422);
        assertThat(events(id)).isEqualTo(1);
        Api.Response accepted = api.post(WRITER, "/api/v1/batches", "{\"commands\":[" + payment.formatted("0.60", "记-1") + ","
                + payment.formatted("0.40", "记-2") + "]}");
        assertThat(accepted.status()).as(accepted.body().toString()).isEqualTo(200);
        assertThat(accepted.body().findValuesAsText("available")).containsExactly("0.40", "0.00");
        assertThat(project(id, "").get("executionRate").asText()).isEqualTo("1.0000");
    }
}
