package org.publicbudget.ledger.app.execution;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayInputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.publicbudget.ledger.app.imports.Seed;
import org.publicbudget.ledger.app.support.Api;
import org.publicbudget.ledger.app.support.PostgresApiTest;

/**
 * Indicator results on the seed's own projects, judged against the seed's own targets
 * (≥ and ＞ on percentages, ≤, = on counts, money, qualitative), revised by later reports,
 * and the department's self-evaluation (绩效自评表) read back cell by cell from CSV and XLSX.
 */
class ResultsApiTest extends PostgresApiTest {

    private static final int YEAR = 2022;
    private static String departmentId;
    /** A seed indicator per kind of target: project id, indicator number, annual reading. */
    private static final Map<String, Pick> PICKS = new LinkedHashMap<>();

    record Pick(String projectId, String projectName, int no, String target, BigDecimal value, String unit) {
    }

    @BeforeEach
    void seedImported() {
        if (departmentId != null) {
            return;
        }
        Api.Response imported = api.postText(WRITER, "/api/v1/imports?fiscalYear=" + YEAR + "&documentName=" + Seed.NAME, Seed.text());
        assertThat(imported.status()).as(imported.body().toString()).isEqualTo(200);
        String department = imported.body().get("departmentId").asText();
        long head = api.get(OPERATOR, "/api/v1/ops/stats").body().get("headPosition").asLong();
        for (JsonNode unit : api.get(AUDITOR, "/api/v1/departments/" + department + "/units?minPosition=" + head).body()) {
            for (JsonNode listed : api.get(AUDITOR, "/api/v1/units/" + unit.get("unitId").asText() + "/projects").body()) {
                JsonNode project = api.get(AUDITOR, "/api/v1/projects/" + listed.get("projectId").asText()).body();
                for (JsonNode indicator : project.get("indicators")) {
                    JsonNode reading = indicator.get("annualReading");
                    if (reading == null || reading.isNull()) {
                        continue;
                    }
                    String kind = kind(reading);
                    BigDecimal value = reading.get("value").isNull() ? null : new BigDecimal(reading.get("value").asText());
                    PICKS.putIfAbsent(kind, new Pick(project.get("projectId").asText(), project.get("name").asText(),
                            indicator.get("no").asInt(), indicator.get("annualTarget").asText(), value,
                            reading.get("unit").isNull() ? "" : reading.get("unit").asText()));
                }
            }
        }
        assertThat(PICKS.keySet()).contains("GE %", "GT %", "LE", "EQ count", "money", "qualitative");
        departmentId = department;
    }

    private static String kind(JsonNode reading) {
        if (reading.get("comparator").isNull()) {
            return "qualitative";
        }
        String unit = reading.get("unit").isNull() ? "" : reading.get("unit").asText();
        if (unit.startsWith("万") || unit.equals("元")) {
            return "money";
        }
        String comparator = reading.get("comparator").asText();
        if (comparator.equals("LE")) {
            return "LE";
        }
        if (unit.equals("%") || unit.equals("％")) {
            return comparator + " %";
        }
        return comparator + (Set.of("次", "个", "人", "场", "户").contains(unit) ? " count" : " other");
    }

    private Api.Response report(Pick pick, String period, String actual, String on) {
        return api.post(WRITER, "/api/v1/projects/" + pick.projectId() + "/indicators/" + pick.no() + "/results", """
                {"actual":"%s","reportedOn":"%s","period":"%s","reason":"绩效监控"}""".formatted(actual, on, period));
    }

    private JsonNode result(Pick pick, String period, String query) {
        JsonNode project = api.get(AUDITOR, "/api/v1/projects/" + pick.projectId() + query).body();
        for (JsonNode indicator : project.get("indicators")) {
            if (indicator.get("no").asInt() == pick.no()) {
                return indicator.get("results").get(period);
            }
        }
        throw new AssertionError("no indicator " + pick.no());
    }

    private static String text(BigDecimal value, String unit) {
        return value.stripTrailingZeros().toPlainString() + unit;
    }

    @Test
    void resultsAreReadAndJudgedAgainstTheSeedsOwnTargets() {
        Map<String, Boolean> expected = Map.of("GE %", true, "GT %", false, "LE", true, "EQ count", true, "money", true);
        for (Map.Entry<String, Boolean> kind : expected.entrySet()) {
            Pick pick = PICKS.get(kind.getKey());
            Api.Response reported = report(pick, "ANNUAL", text(pick.value(), pick.unit()), YEAR + 1 + "-02-20");
            assertThat(reported.status()).as(kind.getKey() + " " + reported.body()).isEqualTo(201);
            JsonNode result = result(pick, "ANNUAL", "");
            assertThat(result.get("actual").asText()).isEqualTo(text(pick.value(), pick.unit()));
            assertThat(result.get("reading").get("value").asText()).isEqualTo(pick.value().stripTrailingZeros().toPlainString());
            assertThat(result.get("met").asBoolean()).as(kind.getKey() + ": " + pick.target() + " vs " + result.get("actual"))
                    .isEqualTo(kind.getValue());
            assertThat(result.get("reason").asText()).contains(kind.getValue() ? " meets " : " does not meet ");
            assertThat(result.get("reasonZh").asText()).contains(kind.getValue() ? "达到指标值" : "未达到指标值");
        }
        Pick qualitative = PICKS.get("qualitative");
        assertThat(report(qualitative, "ANNUAL", "已按时完成", YEAR + 1 + "-02-20").status()).isEqualTo(201);
        JsonNode open = result(qualitative, "ANNUAL", "");
        assertThat(open.get("met").isNull()).isTrue();
        assertThat(open.get("reason").asText()).contains("qualitative");
        assertThat(open.get("reasonZh").asText()).startsWith("定性指标").endsWith("需人工判断");
    }

    @Test
    void aLaterReportRevisesAResultAndEveryReportStaysInItsHistory() {
        Pick pick = PICKS.get("GE %");
        BigDecimal below = pick.value().subtract(BigDecimal.ONE);
        Api.Response first = report(pick, "MID_YEAR", text(below, pick.unit()), YEAR + "-07-10");
        assertThat(first.status()).isEqualTo(201);
        assertThat(result(pick, "MID_YEAR", "").get("met").asBoolean()).isFalse();
        Api.Response second = report(pick, "MID_YEAR", text(pick.value(), pick.unit()), YEAR + "-07-20");
        assertThat(second.status()).isEqualTo(201);
        assertThat(report(pick, "MID_YEAR", text(pick.value(), pick.unit()), YEAR + "-07-21").status()).as("the same again").isEqualTo(422);

        assertThat(result(pick, "MID_YEAR", "").get("met").asBoolean()).isTrue();
        assertThat(result(pick, "MID_YEAR", "?atPosition=" + first.body().get("position").asLong()).get("actual").asText())
                .isEqualTo(text(below, pick.unit()));
        JsonNode reports = api.get(AUDITOR, "/api/v1/projects/" + pick.projectId() + "/indicators/" + pick.no() + "/results").body();
        List<String> midYear = new ArrayList<>();
        reports.forEach(r -> {
            if (r.get("period").asText().equals("MID_YEAR")) {
                midYear.add(r.get("actual").asText() + " " + r.get("met").asText() + " " + r.get("actor").asText());
            }
        });
        assertThat(midYear).containsExactly(text(below, pick.unit()) + " false " + WRITER, text(pick.value(), pick.unit()) + " true " + WRITER);
    }

    @Test
    void badReportsAreRefusedFieldByField() {
        Pick pick = PICKS.get("EQ count");
        Api.Response noPeriod = api.post(WRITER, "/api/v1/projects/" + pick.projectId() + "/indicators/" + pick.no() + "/results",
                "{\"actual\":\"3次\",\"reportedOn\":\"" + YEAR + "-07-01\",\"reason\":\"r\"}");
        assertThat(noPeriod.status()).isEqualTo(400);
        assertThat(noPeriod.body().get("field").asText()).isEqualTo("period");
        Api.Response tooLate = report(pick, "ANNUAL", "3次", (YEAR + 2) + "-01-01");
        assertThat(tooLate.status()).isEqualTo(422);
        assertThat(tooLate.body().get("field").asText()).isEqualTo("reportedOn");
        for (String[] bad : new String[][] {
                {"{\"reportedOn\":\"" + YEAR + "-07-01\",\"period\":\"ANNUAL\",\"reason\":\"r\"}", "actual"},
                {"{\"actual\":\"" + "9".repeat(501) + "\",\"reportedOn\":\"" + YEAR + "-07-01\",\"period\":\"ANNUAL\",\"reason\":\"r\"}", "actual"},
                {"{\"actual\":\"3次\",\"reportedOn\":\"07/01/" + YEAR + "\",\"period\":\"ANNUAL\",\"reason\":\"r\"}", "reportedOn"},
                {"{\"actual\":\"3次\",\"reportedOn\":\"2099-07-01\",\"period\":\"ANNUAL\",\"reason\":\"r\"}", "reportedOn"},
                {"{\"actual\":\"3次\",\"reportedOn\":\"" + YEAR + "-07-01\",\"period\":\"ANNUAL\"}", "reason"},
                {"{\"actual\":\"3次\",\"reportedOn\":\"" + YEAR + "-07-01\",\"period\":\"YEAR_END\",\"reason\":\"r\"}", "period"}}) {
            Api.Response refused = api.post(WRITER, "/api/v1/projects/" + pick.projectId() + "/indicators/" + pick.no() + "/results", bad[0]);
            assertThat(refused.status()).as(bad[0] + " → " + refused.body()).isEqualTo(400);
            assertThat(refused.body().get("field").asText()).as(bad[0]).isEqualTo(bad[1]);
        }
        Api.Response noIndicator = api.post(WRITER, "/api/v1/projects/" + pick.projectId() + "/indicators/999/results",
                "{\"actual\":\"3次\",\"reportedOn\":\"" + YEAR + "-07-01\",\"period\":\"ANNUAL\",\"reason\":\"r\"}");
        assertThat(noIndicator.status()).isEqualTo(404);
        assertThat(api.get(AUDITOR, "/api/v1/projects/" + pick.projectId() + "/indicators/999/results").status()).isEqualTo(404);
    }

    @Test
    void theSelfEvaluationIsTheSameCellByCellInCsvAndXlsxAndNothingInItRunsAsAFormula() throws Exception {
        Pick pick = PICKS.get("LE");
        Api.Response paid = api.post(WRITER, "/api/v1/projects/" + pick.projectId() + "/expenditures", """
                {"fundingSource":"FISCAL_APPROPRIATION","amount":"1.00","paidOn":"%d-03-01","voucherNo":"记-自评","reason":"支付"}"""
                .formatted(YEAR));
        assertThat(paid.status()).as(paid.body().toString()).isEqualTo(201);
        BigDecimal allocated = new BigDecimal(api.get(AUDITOR, "/api/v1/projects/" + pick.projectId()).body().get("total").asText());
        assertThat(report(pick, "MID_YEAR", "=HYPERLINK(\\\"x\\\")", YEAR + "-07-01").status()).isEqualTo(201);
        assertThat(report(pick, "ANNUAL", text(pick.value().add(BigDecimal.ONE), pick.unit()), YEAR + 1 + "-02-01").status()).isEqualTo(201);
        long position = api.get(OPERATOR, "/api/v1/ops/stats").body().get("headPosition").asLong();

        JsonNode table = api.get(AUDITOR, "/api/v1/departments/" + departmentId + "/self-evaluation?atPosition=" + position + "&minPosition=" + position).body();
        JsonNode line = null;
        for (JsonNode l : table.get("lines")) {
            if (l.get("projectId").asText().equals(pick.projectId()) && l.get("no").asInt() == pick.no()) {
                line = l;
            }
        }
        assertThat(line).isNotNull();
        BigDecimal fraction = allocated.signum() == 0 ? null : BigDecimal.ONE.divide(allocated, 4, java.math.RoundingMode.DOWN);
        String rate = fraction == null ? "" : fraction.movePointRight(2).toPlainString() + "%";
        List<String> expected = List.of(line.get("unit").asText(), pick.projectName(), allocated.toPlainString(), "1.00", rate,
                line.get("level1").asText(), line.get("level2").asText(), line.get("indicator").asText(), pick.target(),
                "'=HYPERLINK(\"x\")", "待人工判断", text(pick.value().add(BigDecimal.ONE), pick.unit()), "否",
                line.get("annual").get("reasonZh").asText());

        String csv = new String(api.getBytes(AUDITOR, "/api/v1/departments/" + departmentId + "/self-evaluation?format=csv&atPosition="
                + position), StandardCharsets.UTF_8);
        List<String> csvLine = null;
        for (String l : csv.split("\r\n")) {
            List<String> cells = cells(l);
            if (cells.size() > 7 && cells.get(1).equals(pick.projectName()) && cells.get(7).equals(line.get("indicator").asText())) {
                csvLine = cells;
            }
        }
        assertThat(csvLine).isEqualTo(expected);
        assertThat(csv).startsWith("\uFEFF\"项目支出绩效自评表\"");

        try (XSSFWorkbook workbook = new XSSFWorkbook(new ByteArrayInputStream(api.getBytes(AUDITOR,
                "/api/v1/departments/" + departmentId + "/self-evaluation?format=xlsx&atPosition=" + position)))) {
            Sheet sheet = workbook.getSheetAt(0);
            List<String> xlsxLine = null;
            for (Row row : sheet) {
                if (row.getCell(1) != null && row.getCell(1).getStringCellValue().equals(pick.projectName())
                        && row.getCell(7) != null && row.getCell(7).getStringCellValue().equals(line.get("indicator").asText())) {
                    xlsxLine = new ArrayList<>();
                    for (int c = 0; c < expected.size(); c++) {
                        var cell = row.getCell(c);
                        xlsxLine.add(cell == null ? "" : switch (cell.getCellType()) {
                            case NUMERIC -> new BigDecimal(cell.getNumericCellValue() + "").stripTrailingZeros().toPlainString();
                            case FORMULA -> "FORMULA " + cell.getCellFormula();
                            default -> cell.getStringCellValue();
                        });
                    }
                    assertThat(row.getCell(4).getCellStyle().getDataFormatString()).isEqualTo("0.00%");
                    assertThat(row.getCell(9).getCellStyle().getQuotePrefixed()).isTrue();
                    assertThat(row.getCell(10).getCellStyle().getQuotePrefixed()).isFalse();
                    assertThat(new DataFormatter().formatCellValue(row.getCell(3))).isEqualTo("1.00");
                }
            }
            List<String> numbersAsRead = new ArrayList<>(expected);
            // in the workbook the text is kept as written and marked as text (quote prefix), so that it never runs
            numbersAsRead.set(9, "=HYPERLINK(\"x\")");
            for (int c = 2; c <= 3; c++) {
                numbersAsRead.set(c, new BigDecimal(expected.get(c)).stripTrailingZeros().toPlainString());
            }
            // the rate is a fraction in the workbook, shown as a percentage by its format
            numbersAsRead.set(4, fraction == null ? "" : fraction.stripTrailingZeros().toPlainString());
            assertThat(xlsxLine).isEqualTo(numbersAsRead);
        }
    }

    /** The cells of one CSV line as the export writes them: every cell quoted, quotes doubled. */
    private static List<String> cells(String line) {
        List<String> cells = new ArrayList<>();
        int i = 0;
        while (i < line.length()) {
            StringBuilder cell = new StringBuilder();
            i++; // opening quote
            while (i < line.length()) {
                char c = line.charAt(i);
                if (c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                    cell.append('"');
                    i += 2;
                } else if (c == '"') {
                    i++;
                    break;
                } else {
                    cell.append(c);
                    i++;
                }
            }
            cells.add(cell.toString());
            i++; // comma
        }
        return cells;
    }
}
