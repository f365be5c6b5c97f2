package org.publicbudget.ledger.app.imports;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.encryption.AccessPermission;
import org.apache.pdfbox.pdmodel.encryption.StandardProtectionPolicy;
import org.apache.pdfbox.pdmodel.graphics.image.LosslessFactory;
import org.apache.pdfbox.pdmodel.graphics.image.PDImageXObject;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.apache.poi.xssf.usermodel.XSSFWorkbookType;
import org.junit.jupiter.api.Test;
import org.publicbudget.ledger.app.support.Api;
import org.publicbudget.ledger.app.support.Budget;
import org.publicbudget.ledger.app.support.BudgetPdf;
import org.publicbudget.ledger.app.support.BudgetWorkbook;
import org.publicbudget.ledger.app.support.PostgresApiTest;

/**
 * The same budget as text, PDF and both workbook layouts over HTTP: the same projects,
 * totals, sources, goals and indicators, so that a second format appends nothing but
 * the record of its document; and every kind of bad file refused with a problem that
 * says what is wrong, the event store left as it was.
 */
class DocumentFormatsApiTest extends PostgresApiTest {

    private static final String PDF = "application/pdf";
    private static final String XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    private Api.Response post(byte[] document, String contentType, int fiscalYear, String name, boolean detail) {
        return api.postBytes(WRITER, "/api/v1/imports?fiscalYear=" + fiscalYear + "&documentName=" + name + "&detail=" + detail,
                document, contentType);
    }

    private long events() {
        return api.get(OPERATOR, "/api/v1/ops/stats").body().get("events").asLong();
    }

    /** What a report's {@code extracted} says, without where each part was found (which differs by format). */
    private static JsonNode withoutPlaces(JsonNode report) {
        JsonNode extracted = report.get("extracted").deepCopy();
        for (JsonNode unit : extracted.get("units")) {
            ((ObjectNode) unit).remove(List.of("line", "source"));
            for (JsonNode project : unit.get("projects")) {
                ((ObjectNode) project).remove(List.of("lines", "source"));
                for (JsonNode indicator : project.get("indicators")) {
                    ((ObjectNode) indicator).remove(List.of("line", "source"));
                }
            }
        }
        return extracted;
    }

    @Test
    void theSeedAsTextPdfAndBothWorkbooksIsOneBudget() {
        Api.Response imported = api.postText(WRITER, "/api/v1/imports?fiscalYear=2061&documentName=" + Seed.NAME + "&detail=true",
                Seed.text());
        assertThat(imported.status()).as(imported.body().toString()).isEqualTo(200);
        JsonNode text = imported.body();
        assertThat(text.get("projects").asInt()).isEqualTo(60);
        Budget seed = Budget.of(text);

        Api.Response pdf = post(BudgetPdf.of(seed, Set.of()), PDF, 2061, "seed.pdf", true);
        Api.Response byProject = post(BudgetWorkbook.byProject(seed), XLSX, 2061, "seed-by-project.xlsx", true);
        Api.Response byIndicator = post(BudgetWorkbook.byIndicator(seed), XLSX, 2061, "seed-by-indicator.xlsx", true);

        for (Api.Response format : List.of(pdf, byProject, byIndicator)) {
            assertThat(format.status()).as(format.body().toString()).isEqualTo(200);
            assertThat(withoutPlaces(format.body())).isEqualTo(withoutPlaces(text));
            assertThat(format.body().get("eventsAppended").asInt()).as("only the record of the document").isEqualTo(1);
            assertThat(format.body().get("changes").get("projectsCreated").asInt()).isZero();
            assertThat(format.body().get("computedTotal").asText()).isEqualTo("4892.12");
        }
        JsonNode firstProject = pdf.body().get("extracted").get("units").get(0).get("projects").get(0);
        assertThat(firstProject.get("source").asText()).isEqualTo("page 1, row 4");
        assertThat(byProject.body().get("extracted").get("units").get(0).get("projects").get(0).get("source").asText())
                .isEqualTo(BudgetWorkbook.SHEET + "!B7");
        assertThat(text.get("extracted").get("units").get(0).get("projects").get(0).get("source").asText()).startsWith("lines ");
        JsonNode imports = api.get(AUDITOR, "/api/v1/departments/" + text.get("departmentId").asText() + "/imports").body();
        assertThat(imports.findValuesAsText("document")).contains(Seed.NAME, "seed.pdf", "seed-by-project.xlsx", "seed-by-indicator.xlsx");
    }

    @Test
    void aRevisedWorkbookAppendsExactlyItsDifferences() {
        Budget budget = Budget.synthetic("荔湾区格式测试街道办事处", 12);
        JsonNode first = post(BudgetPdf.of(budget, Set.of()), PDF, 2062, "first.pdf", false).body();
        assertThat(first.get("changes").get("projectsCreated").asInt()).isEqualTo(12);
        Budget.Project was = budget.units().get(0).projects().get(2);
        Budget.Project revised = new Budget.Project(was.name(), "100.00", was.special(), was.other(), was.goal(), was.indicators());
        Budget.Unit unit = budget.units().get(0);
        List<Budget.Project> projects = new java.util.ArrayList<>(unit.projects());
        projects.set(2, revised);
        List<Budget.Unit> units = new java.util.ArrayList<>(budget.units());
        units.set(0, new Budget.Unit(unit.name(), unit.declaredTotal(), projects));

        JsonNode second = post(BudgetWorkbook.byIndicator(new Budget(budget.department(), budget.grandTotal(), units)), XLSX, 2062,
                "revised.xlsx", false).body();

        assertThat(second.get("changes").get("allocationsRevised").asInt()).isEqualTo(1);
        assertThat(second.get("changes").get("projectsCreated").asInt()).isZero();
        assertThat(second.get("eventsAppended").asInt()).as("one revision and the record of the document").isEqualTo(2);
    }

    private void refused(byte[] document, String contentType, int status, String says) {
        long before = events();
        Api.Response response = post(document, contentType, 2063, "bad", false);
        assertThat(response.status()).as(response.body().toString()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/problem+json");
        assertThat(response.body().get("detail").asText()).contains(says);
        assertThat(response.body().get("field").asText()).isIn("document", "body", "Content-Type");
        assertThat(events()).as("nothing appended").isEqualTo(before);
    }

    @Test
    void aDamagedOrTruncatedPdfIsRefused() {
        byte[] pdf = BudgetPdf.of(Budget.synthetic("损坏测试", 6), Set.of());
        refused(Arrays.copyOf(pdf, pdf.length / 3), PDF, 422, "damaged or truncated");
    }

    @Test
    void anEncryptedPdfIsRefused() throws IOException {
        try (PDDocument document = org.apache.pdfbox.Loader.loadPDF(BudgetPdf.of(Budget.synthetic("加密测试", 6), Set.of()))) {
            document.protect(new StandardProtectionPolicy("owner", "user", new AccessPermission()));
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            document.save(out);
            refused(out.toByteArray(), PDF, 422, "encrypted");
        }
    }

    @Test
    void aScanWithoutATextLayerIsRefused() throws IOException {
        try (PDDocument document = new PDDocument()) {
            PDPage page = new PDPage();
            document.addPage(page);
            java.awt.image.BufferedImage scan = new java.awt.image.BufferedImage(200, 100, java.awt.image.BufferedImage.TYPE_INT_RGB);
            PDImageXObject image = LosslessFactory.createFromImage(document, scan);
            try (PDPageContentStream content = new PDPageContentStream(document, page)) {
                content.drawImage(image, 50, 500);
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            document.save(out);
            refused(out.toByteArray(), PDF, 422, "the document is an image: no text layer to read");
        }
    }

    @Test
    void aPdfOrWorkbookWithoutSuchATableIsNotABudgetTable() throws IOException {
        refused(notATable(), PDF, 422, "is not a 项目支出绩效目标表");
        try (XSSFWorkbook workbook = new XSSFWorkbook(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            workbook.createSheet("Sheet1").createRow(0).createCell(0).setCellValue("会议纪要");
            workbook.write(out);
            refused(out.toByteArray(), XLSX, 422, "is not a 项目支出绩效目标表");
        }
    }

    /** A PDF with text but no table: a letter. */
    private static byte[] notATable() throws IOException {
        try (PDDocument document = new PDDocument()) {
            PDPage page = new PDPage();
            document.addPage(page);
            try (PDPageContentStream content = new PDPageContentStream(document, page)) {
                content.beginText();
                content.setFont(new org.apache.pdfbox.pdmodel.font.PDType1Font(org.apache.pdfbox.pdmodel.font.Standard14Fonts.FontName.HELVETICA), 12);
                content.newLineAtOffset(50, 700);
                content.showText("Minutes of the meeting");
                content.endText();
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            document.save(out);
            return out.toByteArray();
        }
    }

    @Test
    void aWorkbookThatUnpacksToFarMoreThanItPacksIsRefusedAsTooLarge() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(out)) {
            zip.putNextEntry(new ZipEntry("[Content_Types].xml"));
            zip.write("<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\"/>".getBytes());
            zip.putNextEntry(new ZipEntry("xl/worksheets/sheet1.xml"));
            byte[] zeros = new byte[1024 * 1024];
            for (int i = 0; i < 80; i++) {
                zip.write(zeros);
            }
        }
        refused(out.toByteArray(), XLSX, 413, "zip bomb");
    }

    @Test
    void aMacroWorkbookIsReadWithoutRunningAnything() throws IOException {
        byte[] workbook;
        try (XSSFWorkbook book = new XSSFWorkbook(new java.io.ByteArrayInputStream(BudgetWorkbook.byProject(Budget.synthetic("宏测试街道办事处", 6))));
                ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            book.setWorkbookType(XSSFWorkbookType.XLSM);
            book.write(out);
            workbook = out.toByteArray();
        }
        Api.Response response = post(workbook, XLSX, 2064, "budget.xlsm", false);
        assertThat(response.status()).as(response.body().toString()).isEqualTo(200);
        assertThat(response.body().get("projects").asInt()).isEqualTo(6);
    }

    @Test
    void bytesThatAreNotWhatTheirContentTypeSaysAreRefused() {
        byte[] pdf = BudgetPdf.of(Budget.synthetic("类型测试", 6), Set.of());
        refused(pdf, XLSX, 415, "sent as " + XLSX + " but its bytes are application/pdf");
        refused(pdf, "text/plain; charset=UTF-8", 415, "but its bytes are application/pdf");
        refused(Seed.text().getBytes(java.nio.charset.StandardCharsets.UTF_8), PDF, 415, "but its bytes are text/plain");
    }

    @Test
    void anEmptyBodyOrAContentTypeNotTakenIsRefusedSayingWhatIsTaken() {
        refused(new byte[0], PDF, 400, "the document is empty");
        byte[] pdf = BudgetPdf.of(Budget.synthetic("类型测试", 6), Set.of());
        refused(pdf, "application/octet-stream", 415, "the body was sent as application/octet-stream; send it as text/plain, "
                + PDF + ", " + XLSX);
    }
}
