package org.publicbudget.ledger.app.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.File;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.axonframework.eventhandling.GenericEventMessage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.publicbudget.ledger.app.imports.Seed;
import org.publicbudget.ledger.app.support.Api;
import org.publicbudget.ledger.app.support.DebianPackages;
import org.publicbudget.ledger.app.support.TestDeployment;
import org.publicbudget.ledger.app.support.TestPostgres;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The auditors' web page in a real headless Chromium (Debian's chromium and
 * chromium-driver, installed when missing; CHROME_BINARY and CHROMEDRIVER name others): sign in, drill down to
 * a project of the seed, open the history of an indicator and of a figure, pick an earlier
 * date, follow the totals of its unit and department back through their projects'
 * changes, switch to English, and read it on a phone-sized screen. Each step leaves a
 * screenshot in target/screenshots.
 *
 * <p>The seed is imported as if on 15 January 2025 (Axon's event clock set back for
 * the import), and one allocation revised today, so that a date in between shows
 * the figure before the revision.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "ledger.seed.enabled=false")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class WebPageTest {

    private static final TestPostgres.Database DATABASE = TestPostgres.freshSchema();
    private static final Instant IMPORTED = Instant.parse("2025-01-15T09:00:00Z");
    private static final Path SCREENSHOTS = Path.of("target", "screenshots");
    private static final Path DOWNLOADS = Path.of("target", "downloads");

    @LocalServerPort
    private int port;

    private ChromeDriver browser;
    private WebDriverWait wait;
    private Api api;

    @DynamicPropertySource
    static void deployment(DynamicPropertyRegistry registry) {
        TestDeployment.configure(registry, DATABASE, DATABASE::url);
    }

    @BeforeAll
    void openBrowser() throws IOException {
        String binary = System.getenv().getOrDefault("CHROME_BINARY", "/usr/bin/chromium");
        String driver = System.getenv().getOrDefault("CHROMEDRIVER", "/usr/bin/chromedriver");
        // CJK fonts, so that the screenshots show the Chinese labels
        DebianPackages.ensure(List.of(Path.of(binary), Path.of(driver), Path.of("/usr/share/fonts/opentype/noto")), "chromium",
                "chromium-driver", "fonts-noto-cjk");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(binary);
        Files.createDirectories(DOWNLOADS);
        options.setExperimentalOption("prefs", Map.of("download.default_directory", DOWNLOADS.toAbsolutePath().toString(),
                "download.prompt_for_download", false));
        options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1280,900", "--lang=zh-CN");
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(driver)).build();
        browser = new ChromeDriver(service, options);
        wait = new WebDriverWait(browser, Duration.ofSeconds(20));
        Files.createDirectories(SCREENSHOTS);
        api = new Api(port, TestDeployment.PASSWORDS);
    }

    /** Clicks the export button for {@code format} and returns the file the browser saved, once it has all the bytes the page counted. */
    private byte[] exported(String format) throws IOException {
        return exported("button.export[data-format='" + format + "']", "exported", format);
    }

    private byte[] exported(String button, String note, String format) throws IOException {
        try (var earlier = Files.list(DOWNLOADS)) {
            for (Path file : earlier.toList()) {
                Files.delete(file);
            }
        }
        click(browser.findElement(By.cssSelector(button)));
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id(note), "." + format));
        Matcher shown = Pattern.compile("^已导出 (.+)（([0-9,]+) 字节）$").matcher(browser.findElement(By.id(note)).getText());
        assertThat(shown.matches()).as(shown.toString()).isTrue();
        Path file = DOWNLOADS.resolve(shown.group(1));
        long size = Long.parseLong(shown.group(2).replace(",", ""));
        wait.until(driver -> {
            try {
                return Files.exists(file) && Files.size(file) == size;
            } catch (IOException e) {
                return false;
            }
        });
        return Files.readAllBytes(file);
    }

    @AfterAll
    void closeBrowser() {
        if (browser != null) {
            browser.quit();
        }
    }

    @Test
    void anAuditorDrillsDownToAProjectOfTheSeedAndReadsItsHistoryAsOfADate() throws IOException {
        importSeedOn(IMPORTED);
        JsonNode department = api.get(TestDeployment.AUDITOR, "/api/v1/departments").body().get(0);
        // a project of the seed with something for the auditor to look at: a data-quality flag
        JsonNode unit = null;
        JsonNode project = null;
        for (JsonNode u : api.get(TestDeployment.AUDITOR, "/api/v1/departments/" + department.get("departmentId").asText() + "/units").body()) {
            for (JsonNode p : api.get(TestDeployment.AUDITOR, "/api/v1/units/" + u.get("unitId").asText() + "/projects").body()) {
                JsonNode detail = api.get(TestDeployment.AUDITOR, "/api/v1/projects/" + p.get("projectId").asText()).body();
                if (project == null && detail.findValues("flags").stream().anyMatch(flags -> !flags.isEmpty())) {
                    unit = u;
                    project = detail;
                }
            }
        }
        assertThat(project).as("the seed has indicators with data-quality flags").isNotNull();
        String projectId = project.get("projectId").asText();
        String before = project.get("allocations").get("FISCAL_APPROPRIATION").asText();
        String revised = new BigDecimal(before).add(new BigDecimal("12.50")).toPlainString();
        assertThat(api.post(TestDeployment.WRITER, "/api/v1/projects/" + projectId + "/allocation-revisions",
                "{\"fundingSource\":\"FISCAL_APPROPRIATION\",\"amount\":\"" + revised + "\",\"reason\":\"年中追加\"}").status()).isEqualTo(200);
        awaitReadModel();

        // nothing without signing in
        openSignedOut();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("login-user")));
        assertThat(browser.findElement(By.id("view")).getText()).isEmpty();
        assertThat(browser.findElement(By.id("bar")).isDisplayed()).isFalse();
        signIn(TestDeployment.AUDITOR, "wrong");
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("login-error"), "用户名或密码不正确"));
        screenshot("01-sign-in-refused");
        signIn(TestDeployment.WRITER, TestDeployment.PASSWORDS.get(TestDeployment.WRITER));
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("login-error"), "无权"));

        // departments → units → projects, variances highlighted
        signIn(TestDeployment.AUDITOR, TestDeployment.PASSWORDS.get(TestDeployment.AUDITOR));
        JsonNode now = api.get(TestDeployment.AUDITOR, "/api/v1/departments").body().get(0);
        WebElement departmentRow = rowOf("departments", department.get("name").asText());
        assertThat(departmentRow.getAttribute("class")).as("declared and computed differ").contains("variance");
        assertThat(departmentRow.getText()).contains("4,892.11").contains(money(now.get("computedTotal").asText()))
                .contains(money(now.get("documentVariance").asText()));
        screenshot("02-departments");
        departmentRow.findElement(By.tagName("a")).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#units tbody tr")));
        assertThat(browser.findElements(By.cssSelector("#units tbody tr"))).hasSize(4);
        assertThat(browser.findElements(By.cssSelector("#units tr.variance"))).hasSize(1);
        screenshot("03-units");

        // at a glance: where declared and computed disagree, and the last document's findings
        List<WebElement> off = browser.findElements(By.cssSelector("#units tr.variance"));
        assertThat(browser.findElement(By.id("disagreements")).getText()).isEqualTo((off.size() + 1) + " 处申报数与文件各行合计不一致");
        assertThat(browser.findElements(By.cssSelector("#at-a-glance li"))).hasSize(off.size() + 1);
        assertThat(browser.findElement(By.id("findings-summary")).getText()).contains(Seed.NAME).contains("22 条数据质量发现").contains("跨页重复行 6");
        WebElement imported = browser.findElement(By.cssSelector("#imports tbody tr"));
        assertThat(browser.findElements(By.cssSelector("#imports tbody tr"))).hasSize(1);
        assertThat(imported.getText()).contains(Seed.NAME).contains(TestDeployment.WRITER).contains("项目新增 60").contains("指标新增 243");
        ((JavascriptExecutor) browser).executeScript("arguments[0].scrollIntoView()", browser.findElement(By.id("at-a-glance")));
        screenshot("03c-department-at-a-glance");
        browser.findElement(By.cssSelector("#findings-summary .findings-link")).click();
        WebElement findings = browser.findElement(By.cssSelector("details.findings"));
        assertThat(findings.getAttribute("open")).isNotNull();
        List<WebElement> found = findings.findElements(By.cssSelector("tbody tr"));
        assertThat(found).hasSize(22);
        List<String> lines = Seed.text().lines().toList();
        for (WebElement finding : found) {
            int line = Integer.parseInt(finding.findElement(By.cssSelector("td.num")).getText());
            assertThat(finding.findElement(By.cssSelector("code.source")).getText()).isEqualTo(lines.get(line - 1).strip());
        }
        screenshot("03d-findings");

        // the change report between two dates: the import's day in pages of 200 (imports included), then today's revision alone
        click(browser.findElement(By.id("report-without-imports")));
        setInput("report-from", "2025-13-01");
        click(browser.findElement(By.cssSelector("#change-report button")));
        assertThat(browser.findElement(By.id("report-from")).getAttribute("aria-invalid")).as("no such month").isEqualTo("true");
        assertThat(browser.findElements(By.id("report"))).isEmpty();
        setInput("report-from", "2025-01-15");
        setInput("report-to", "2025-01-15");
        click(browser.findElement(By.cssSelector("#change-report button")));
        wait.until(ExpectedConditions.numberOfElementsToBe(By.cssSelector("#report tbody tr"), 200));
        click(browser.findElement(By.id("more-report")));
        wait.until(ExpectedConditions.numberOfElementsToBe(By.cssSelector("#report tbody tr"), 310));
        assertThat(browser.findElements(By.id("more-report"))).isEmpty();
        String today = LocalDate.now(java.time.ZoneId.of("Asia/Shanghai")).toString();
        setInput("report-from", today);
        setInput("report-to", today);
        click(browser.findElement(By.cssSelector("#change-report button")));
        wait.until(ExpectedConditions.numberOfElementsToBe(By.cssSelector("#report tbody tr"), 1));
        assertThat(browser.findElement(By.cssSelector("#report tbody tr")).getText()).contains("资金调整").contains(project.get("name").asText())
                .contains(money(before)).contains(money(revised)).contains("年中追加");
        screenshot("03e-change-report");

        // the department's table as a file, in both formats, and the page as printed
        byte[] csv = exported("csv");
        assertThat(new String(csv, StandardCharsets.UTF_8)).contains(unit.get("name").asText()).contains(project.get("name").asText());
        byte[] xlsx = exported("xlsx");
        assertThat(new String(xlsx, 0, 2, StandardCharsets.US_ASCII)).as("a zip: an Office Open XML workbook").isEqualTo("PK");
        browser.executeCdpCommand("Emulation.setEmulatedMedia", Map.of("media", "print"));
        assertThat(browser.findElement(By.id("sign-out")).isDisplayed()).as("no controls on paper").isFalse();
        assertThat(browser.findElement(By.cssSelector("button.export")).isDisplayed()).isFalse();
        assertThat(browser.findElement(By.id("units")).isDisplayed()).isTrue();
        screenshot("03b-units-printed");
        browser.executeCdpCommand("Emulation.setEmulatedMedia", Map.of("media", ""));
        rowOf("units", unit.get("name").asText()).findElement(By.tagName("a")).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#projects tbody tr")));
        screenshot("04-projects");
        rowOf("projects", project.get("name").asText()).findElement(By.tagName("a")).click();

        // the project: allocations, goal, indicators with their readings and flags
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#indicators tbody tr")));
        assertThat(browser.findElements(By.cssSelector("#indicators tbody tr"))).hasSize(project.get("indicators").size());
        assertThat(browser.findElements(By.cssSelector("#indicators .flag"))).isNotEmpty();
        assertThat(browser.findElement(By.id("goal")).getText()).isEqualTo(project.get("goal").asText().isEmpty() ? "无" : project.get("goal").asText());
        assertThat(browser.findElement(By.id("allocations")).getText()).contains(money(revised));
        screenshot("05-project");

        // an indicator's own history: added by the import, from the lines of the document it came from
        browser.findElement(By.cssSelector("#indicators .indicator-history")).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#changes tbody tr")));
        List<WebElement> indicatorChanges = browser.findElements(By.cssSelector("#changes tbody tr"));
        assertThat(indicatorChanges).hasSize(1);
        assertThat(indicatorChanges.get(0).getText()).contains("指标新增").contains("导入自 " + Seed.NAME).doesNotContain("imported from");
        assertThat(browser.findElements(By.cssSelector("#crumbs a"))).extracting(WebElement::getText)
                .as("the way back through the department and the unit, each level named").contains("部门 · " + department.get("name").asText(),
                        "预算单位 · " + unit.get("name").asText(), "项目 · " + project.get("name").asText());
        assertThat(browser.findElement(By.id("final-value")).getText()).contains(project.get("indicators").get(0).get("name").asText());
        screenshot("05b-indicator-history");
        browser.navigate().back();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector(".history-link[data-source='FISCAL_APPROPRIATION']")));

        // the history of its fiscal appropriation: a step per event, who and why beneath
        browser.findElement(By.cssSelector(".history-link[data-source='FISCAL_APPROPRIATION']")).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#history-chart .marker")));
        assertThat(browser.findElements(By.cssSelector("#history-chart .marker"))).hasSize(2);
        List<WebElement> changes = browser.findElements(By.cssSelector("#changes tbody tr"));
        assertThat(changes).hasSize(2);
        assertThat(changes.get(1).getText()).contains(TestDeployment.WRITER).contains("年中追加").contains("12.5");
        assertThat(browser.findElement(By.id("final-value")).getText()).isEqualTo(money(revised));
        browser.findElements(By.cssSelector("#history-chart .marker")).get(1).click();
        assertThat(changes.get(1).getAttribute("class")).contains("selected");
        assertThat(browser.findElements(By.cssSelector("#history-chart .y-label"))).extracting(WebElement::getText)
                .as("the value axis spans the figure's own range").containsExactly(money(revised), money(before));
        List<WebElement> markers = browser.findElements(By.cssSelector("#history-chart .marker"));
        assertThat(Double.parseDouble(markers.get(1).getAttribute("cy"))).as("the later, higher value drawn higher")
                .isLessThan(Double.parseDouble(markers.get(0).getAttribute("cy")) - 100);
        assertThat(browser.findElements(By.cssSelector("#history-chart .x-label"))).extracting(WebElement::getText)
                .as("the two ends of the time axis tell different moments").doesNotHaveDuplicates();
        screenshot("06-history");

        // as of a date between the import and the revision: the figure before it
        String between = LocalDate.now(ZoneOffset.UTC).minusDays(1).toString();
        WebElement asOf = browser.findElement(By.id("as-of"));
        asOf.sendKeys("01/15/2025", Keys.TAB);
        assertThat(asOf.getAttribute("aria-invalid")).as("a date in a browser's own order is not guessed at").isEqualTo("true");
        assertThat(browser.findElements(By.id("as-of-note"))).isEmpty();
        asOf.clear();
        asOf.sendKeys(between, Keys.TAB);
        assertThat(asOf.getAttribute("aria-invalid")).isEqualTo("false");
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("as-of-note")));
        assertThat(browser.findElement(By.id("final-value")).getText()).isEqualTo(money(before));
        assertThat(browser.findElements(By.cssSelector("#history-chart .marker"))).hasSize(1);
        screenshot("07-history-as-of-" + between);
        assertThat(Double.parseDouble(browser.findElement(By.cssSelector("#history-chart .marker")).getAttribute("cx")))
                .as("a single change starts at the left of the chart").isLessThan(100);
        setDate("2024-12-31");
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("view-error")));
        assertThat(browser.findElement(By.id("view-error")).getText()).contains("未找到");
        // the address holds the date: the list of departments as recorded by then
        browser.navigate().to("http://localhost:" + port + "/ui/#/?asOf=2024-12-31");
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("nothing-as-of")));
        assertThat(browser.findElement(By.id("nothing-as-of")).getText()).contains("2024-12-31").contains("尚无记录");
        screenshot("07b-nothing-as-of-2024-12-31");
        setDate("");

        // the unit's total: every change of its projects, each with its project named
        String unitId = unit.get("unitId").asText();
        browser.navigate().to("http://localhost:" + port + "/ui/#/units/" + unitId);
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#projects tbody tr")));
        browser.findElement(By.cssSelector(".history-link")).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#history-chart .marker")));
        JsonNode unitTrail = api.get(TestDeployment.AUDITOR, "/api/v1/units/" + unitId + "/trail").body();
        List<WebElement> unitChanges = browser.findElements(By.cssSelector("#changes tbody tr"));
        assertThat(unitChanges).hasSize(unitTrail.get("steps").size()).hasSizeGreaterThan(2);
        assertThat(browser.findElements(By.cssSelector("#history-chart .marker"))).as("a point per budget day: the year's first, today")
                .hasSize(2);
        assertThat(browser.findElement(By.id("final-value")).getText())
                .isEqualTo(money(api.get(TestDeployment.AUDITOR, "/api/v1/units/" + unitId).body().get("computedTotal").asText()));
        assertThat(unitChanges.get(unitChanges.size() - 1).getText()).contains(project.get("name").asText()).contains("年中追加");
        browser.manage().window().setSize(new Dimension(1400, 900));
        WebElement box = browser.findElement(By.cssSelector("#changes")).findElement(By.xpath(".."));
        WebElement lastAfter = unitChanges.get(unitChanges.size() - 1).findElement(By.cssSelector("td.after"));
        assertThat(lastAfter.getRect().getX() + lastAfter.getRect().getWidth()).as("the after column is inside its box at 1,400 px")
                .isLessThanOrEqualTo(box.getRect().getX() + box.getRect().getWidth());
        assertThat(unitChanges.get(0).getRect().getHeight()).as("a change is a line or two, not a column of characters").isLessThan(80);
        assertThat(browser.findElements(By.cssSelector("#crumbs a"))).extracting(WebElement::getText)
                .contains("部门 · " + department.get("name").asText());
        screenshot("08-unit-history");
        browser.manage().window().setSize(new Dimension(1280, 900));

        // and the department's
        String departmentId = department.get("departmentId").asText();
        browser.navigate().to("http://localhost:" + port + "/ui/#/departments/" + departmentId + "/history");
        // (a unit may bear its department's name: the way back tells the two pages apart — the unit's names its unit)
        wait.until(driver -> !driver.findElements(By.cssSelector("#crumbs a[href='#/departments/" + departmentId + "']")).isEmpty()
                && driver.findElements(By.cssSelector("#crumbs a[href^='#/units/']")).isEmpty());
        assertThat(browser.findElements(By.cssSelector("#changes tbody tr")))
                .hasSize(api.get(TestDeployment.AUDITOR, "/api/v1/departments/" + departmentId + "/trail").body().get("steps").size());
        assertThat(browser.findElement(By.id("final-value")).getText()).isEqualTo(money(now.get("computedTotal").asText()));

        // English, and a phone-sized screen
        browser.findElement(By.id("lang")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.tagName("h1"), "History of"));
        assertThat(browser.findElement(By.cssSelector("#changes thead")).getText()).contains("Project");
        assertThat(browser.findElement(By.cssSelector("#changes tbody")).getText()).contains("Allocation revised").contains("imported from");
        browser.manage().window().setSize(new Dimension(390, 844));
        browser.navigate().to("http://localhost:" + port + "/ui/#/units/" + unit.get("unitId").asText());
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#projects tbody tr")));
        Long overflow = (Long) ((JavascriptExecutor) browser).executeScript(
                "return document.documentElement.scrollWidth - window.innerWidth;");
        assertThat(overflow).as("no sideways scrolling of the page on a phone").isLessThanOrEqualTo(0L);
        assertThat(browser.findElement(By.cssSelector("#projects tbody tr a")).isDisplayed()).isTrue();
        screenshot("09-phone-projects");

        browser.findElement(By.id("sign-out")).click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("login-user")));
        assertThat(browser.findElement(By.id("view")).getText()).isEmpty();
    }

    /** A figure with more changes than a page holds: the first 1,000 drawn, the rest when the auditor asks. */
    @Test
    void aLongHistoryIsShownAThousandChangesAtATime() throws IOException {
        // fiscal year 2024, so that the seed's department stays first in the list for the other test
        Api.Response created = api.post(TestDeployment.WRITER, "/api/v1/projects", """
                {"department":"长历史测试部门","fiscalYear":2024,"unit":"长历史测试单位","name":"长历史项目","allocations":{"FISCAL_APPROPRIATION":"100"}}""");
        assertThat(created.status()).isEqualTo(201);
        String projectId = created.body().get("projectId").asText();
        int revisions = 1_050;
        for (int i = 1; i <= revisions; i++) {
            assertThat(api.post(TestDeployment.WRITER, "/api/v1/projects/" + projectId + "/allocation-revisions",
                    "{\"fundingSource\":\"FISCAL_APPROPRIATION\",\"amount\":\"" + (100 + i) + "\",\"reason\":\"第" + i + "次调整\"}").status())
                    .isEqualTo(200);
        }
        awaitReadModel();
        String allocated = api.get(TestDeployment.AUDITOR, "/api/v1/projects/" + projectId).body().get("allocations")
                .get("FISCAL_APPROPRIATION").asText();
        assertThat(new BigDecimal(allocated)).isEqualByComparingTo(BigDecimal.valueOf(100 + revisions));
        String finalAmount = money(allocated);

        browser.manage().window().setSize(new Dimension(1280, 900));
        openSignedOut();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("login-user")));
        signIn(TestDeployment.AUDITOR, TestDeployment.PASSWORDS.get(TestDeployment.AUDITOR));
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#departments tbody tr")));
        browser.navigate().to("http://localhost:" + port + "/ui/#/projects/" + projectId + "/history?source=FISCAL_APPROPRIATION");
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("more-changes")));
        assertThat(browser.findElements(By.cssSelector("#changes tbody tr"))).hasSize(1_000);
        assertThat(browser.findElements(By.cssSelector("#history-chart .marker"))).as("a point per budget day: the creation's, the revisions'")
                .hasSize(2);
        assertThat(browser.findElement(By.id("first-changes")).getText()).contains("1000");
        assertThat(browser.findElement(By.id("final-value")).getText()).isEqualTo(finalAmount);

        WebElement more = browser.findElement(By.id("more-changes"));
        ((JavascriptExecutor) browser).executeScript("arguments[0].scrollIntoView({block: 'end'})", more);
        screenshot("10-long-history");
        more.click();
        wait.until(ExpectedConditions.numberOfElementsToBe(By.cssSelector("#changes tbody tr"), revisions + 1));
        assertThat(browser.findElements(By.id("more-changes"))).as("nothing more to read").isEmpty();
        assertThat(browser.findElements(By.id("first-changes"))).isEmpty();
        assertThat(browser.findElements(By.cssSelector("#history-chart .marker"))).hasSize(2);
        List<WebElement> changes = browser.findElements(By.cssSelector("#changes tbody tr"));
        assertThat(changes.get(1_000).getText()).contains("第1000次调整");
        assertThat(changes.get(revisions).getText()).contains("第" + revisions + "次调整").contains(finalAmount);
    }

    /**
     * The seed imported again for 2023 (so that the 2025 department stays first for the
     * other tests), a payment and two results on one of its projects: the project shows
     * spent and available beside each allocation and the results beside the targets, the
     * payment's history shows its voucher, and the department shows execution bars per
     * unit and the self-evaluation, filtered to the indicator that falls short.
     */
    @Test
    void anAuditorSeesSpendingBesideAllocationsAndResultsBesideTargets() throws IOException {
        Api.Response imported = api.postText(TestDeployment.WRITER, "/api/v1/imports?fiscalYear=2023&documentName=" + Seed.NAME, Seed.text());
        assertThat(imported.status()).isEqualTo(200);
        String departmentId = imported.body().get("departmentId").asText();
        awaitReadModel();
        JsonNode project = null;
        JsonNode quantitative = null;
        JsonNode second = null;
        for (JsonNode u : api.get(TestDeployment.AUDITOR, "/api/v1/departments/" + departmentId + "/units").body()) {
            for (JsonNode p : api.get(TestDeployment.AUDITOR, "/api/v1/units/" + u.get("unitId").asText() + "/projects").body()) {
                JsonNode detail = api.get(TestDeployment.AUDITOR, "/api/v1/projects/" + p.get("projectId").asText()).body();
                // a result one below the target misses it (=, ≥, ＞ of at least 1); a result at the target meets it (=, ≥, ≤)
                JsonNode missable = null;
                JsonNode meetable = null;
                for (JsonNode i : detail.get("indicators")) {
                    JsonNode r = i.get("annualReading");
                    if (r == null || r.isNull() || r.get("comparator").isNull()) {
                        continue;
                    }
                    String comparator = r.get("comparator").asText();
                    if (missable == null && List.of("EQ", "GE", "GT").contains(comparator) && new BigDecimal(r.get("value").asText()).compareTo(BigDecimal.ONE) >= 0) {
                        missable = i;
                    } else if (meetable == null && List.of("EQ", "GE", "LE").contains(comparator)) {
                        meetable = i;
                    }
                }
                if (project == null && missable != null && meetable != null && new BigDecimal(detail.get("allocations").get("FISCAL_APPROPRIATION").asText())
                        .compareTo(BigDecimal.TEN) > 0) {
                    project = detail;
                    quantitative = missable;
                    second = meetable;
                }
            }
        }
        assertThat(project).as("a seed project with two numeric targets and more than 10 万元").isNotNull();
        String projectId = project.get("projectId").asText();
        String allocated = project.get("allocations").get("FISCAL_APPROPRIATION").asText();
        Api.Response paid = api.post(TestDeployment.WRITER, "/api/v1/projects/" + projectId + "/expenditures",
                "{\"fundingSource\":\"FISCAL_APPROPRIATION\",\"amount\":\"7.25\",\"paidOn\":\"2023-05-20\",\"voucherNo\":\"记-0520-01\",\"reason\":\"支付劳务费\"}");
        assertThat(paid.status()).as(paid.body().toString()).isEqualTo(201);
        JsonNode target = quantitative.get("annualReading");
        String below = new BigDecimal(target.get("value").asText()).subtract(BigDecimal.ONE).max(BigDecimal.ZERO).toPlainString()
                + (target.get("unit").isNull() ? "" : target.get("unit").asText());
        JsonNode secondTarget = second.get("annualReading");
        String secondAt = secondTarget.get("value").asText() + (secondTarget.get("unit").isNull() ? "" : secondTarget.get("unit").asText());
        assertThat(api.post(TestDeployment.WRITER, "/api/v1/projects/" + projectId + "/indicators/" + quantitative.get("no").asInt() + "/results",
                "{\"actual\":\"" + below + "\",\"reportedOn\":\"2023-07-10\",\"period\":\"MID_YEAR\",\"reason\":\"年中监控\"}").status()).isEqualTo(201);
        assertThat(api.post(TestDeployment.WRITER, "/api/v1/projects/" + projectId + "/indicators/" + quantitative.get("no").asInt() + "/results",
                "{\"actual\":\"" + below + "\",\"reportedOn\":\"2024-02-10\",\"period\":\"ANNUAL\",\"reason\":\"年度自评\"}").status()).isEqualTo(201);
        assertThat(api.post(TestDeployment.WRITER, "/api/v1/projects/" + projectId + "/indicators/" + second.get("no").asInt() + "/results",
                "{\"actual\":\"" + secondAt + "\",\"reportedOn\":\"2024-02-10\",\"period\":\"ANNUAL\",\"reason\":\"年度自评\"}").status()).isEqualTo(201);
        awaitReadModel();

        browser.manage().window().setSize(new Dimension(1280, 900));
        openSignedOut();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("login-user")));
        signIn(TestDeployment.AUDITOR, TestDeployment.PASSWORDS.get(TestDeployment.AUDITOR));
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#departments tbody tr")));
        browser.navigate().to("http://localhost:" + port + "/ui/#/projects/" + projectId);
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#indicators tbody tr")));
        WebElement fiscal = browser.findElement(By.cssSelector("#allocations tr[data-source='FISCAL_APPROPRIATION']"));
        assertThat(fiscal.findElement(By.cssSelector(".spent")).getText()).isEqualTo("7.25");
        assertThat(fiscal.findElement(By.cssSelector(".available")).getText())
                .isEqualTo(money(new BigDecimal(allocated).subtract(new BigDecimal("7.25")).toPlainString()));
        WebElement midYear = browser.findElement(By.cssSelector("#indicators tr[data-no='" + quantitative.get("no").asInt()
                + "'] td[data-period='MID_YEAR']"));
        // short of the annual target at mid-year is the year under way; at the year's end, a miss
        assertThat(midYear.getText()).isEqualTo(below + " 进行中");
        assertThat(browser.findElement(By.cssSelector("#indicators tr[data-no='" + quantitative.get("no").asInt() + "'] td[data-period='ANNUAL']"))
                .getText()).isEqualTo(below + " 未达成");
        assertThat(midYear.findElement(By.className("verdict")).getAttribute("title")).contains("未达到指标值");
        assertThat(browser.findElement(By.cssSelector("#indicators tr[data-no='" + second.get("no").asInt() + "'] td[data-period='ANNUAL']"))
                .getText()).isEqualTo(secondAt + " 达成");
        screenshot("11-project-spending-and-results");

        click(fiscal.findElement(By.className("spent-link")));
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#changes tbody tr")));
        List<WebElement> payments = browser.findElements(By.cssSelector("#changes tbody tr"));
        assertThat(payments).hasSize(1);
        assertThat(payments.get(0).getText()).contains("支出", "7.25", "2023-05-20", "凭证号 记-0520-01", "支付劳务费");
        assertThat(browser.findElement(By.id("final-value")).getText()).isEqualTo("7.25");
        screenshot("12-payments");

        browser.navigate().to("http://localhost:" + port + "/ui/#/departments/" + departmentId);
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#self-evaluation tbody tr")));
        JsonNode unit = api.get(TestDeployment.AUDITOR, "/api/v1/units/" + project.get("unitId").asText()).body();
        String rate = new BigDecimal(unit.get("executionRate").asText()).movePointRight(2).setScale(2, java.math.RoundingMode.UNNECESSARY)
                .toPlainString() + "%";
        assertThat(browser.findElement(By.cssSelector("#units tr[data-unit='" + unit.get("unitId").asText() + "'] .execution .rate")).getText())
                .isEqualTo(rate);
        WebElement bar = browser.findElement(By.cssSelector("#units tr[data-unit='" + unit.get("unitId").asText() + "'] .execution .bar"));
        double drawn = Double.parseDouble(bar.findElement(By.tagName("span")).getCssValue("width").replace("px", ""));
        double toScale = Double.parseDouble(bar.getCssValue("width").replace("px", "")) * Double.parseDouble(unit.get("executionRate").asText());
        assertThat(drawn).as("the bar drawn to the rate, and at least 2 px once anything is spent")
                .isCloseTo(Math.max(2, toScale), org.assertj.core.data.Offset.offset(0.5));
        int lines = api.get(TestDeployment.AUDITOR, "/api/v1/departments/" + departmentId + "/self-evaluation").body().get("lines").size();
        assertThat(browser.findElements(By.cssSelector("#self-evaluation tbody tr"))).hasSize(lines);
        String toTheTable = "document.getElementById('not-met-only').scrollIntoView({block: 'start'}); window.scrollBy(0, -110);";
        ((JavascriptExecutor) browser).executeScript(toTheTable);
        screenshot("13-self-evaluation");
        click(browser.findElement(By.id("not-met-only")));
        List<WebElement> shown = browser.findElements(By.cssSelector("#self-evaluation tbody tr")).stream().filter(WebElement::isDisplayed).toList();
        assertThat(shown).hasSize(1);
        assertThat(shown.get(0).getText()).contains(project.get("name").asText(), quantitative.get("name").asText(), "未达成");
        ((JavascriptExecutor) browser).executeScript(toTheTable);
        screenshot("13b-self-evaluation-not-met");
        String csv = new String(exported("button.export-self[data-format='csv']", "self-evaluation-exported", "csv"), StandardCharsets.UTF_8);
        assertThat(csv).startsWith("\uFEFF\"项目支出绩效自评表\"").contains("\"" + below + "\",\"进行中\",\"" + below + "\",\"否\"")
                .contains("\"未填报\"");
    }

    /**
     * Budget time and budget words: the seed imported for 2021, a transfer effective
     * 2021-09-01 between two of its units and a payment on 2021-10-10, all recorded today.
     * The auditor opens the department effective at the year's end straight from an
     * address, sees only the document's own disagreements (the transfer is an adjustment,
     * not an error), no English, sorts a table, filters the change report, reloads without
     * signing in again, reads the history by effective date, exports, and reads it at 800 px.
     */
    @Test
    void anAuditorAsksForTheYearEndAndReadsItInChinese() throws IOException {
        Api.Response imported = api.postText(TestDeployment.WRITER, "/api/v1/imports?fiscalYear=2021&documentName=" + Seed.NAME, Seed.text());
        assertThat(imported.status()).isEqualTo(200);
        String departmentId = imported.body().get("departmentId").asText();
        awaitReadModel();
        JsonNode units = api.get(TestDeployment.AUDITOR, "/api/v1/departments/" + departmentId + "/units").body();
        String giver = api.get(TestDeployment.AUDITOR, "/api/v1/units/" + units.get(0).get("unitId").asText() + "/projects").body().get(0)
                .get("projectId").asText();
        String taker = api.get(TestDeployment.AUDITOR, "/api/v1/units/" + units.get(1).get("unitId").asText() + "/projects").body().get(0)
                .get("projectId").asText();
        assertThat(api.post(TestDeployment.WRITER, "/api/v1/transfers", "{\"fromProjectId\":\"" + giver + "\",\"toProjectId\":\"" + taker
                + "\",\"fundingSource\":\"FISCAL_APPROPRIATION\",\"amount\":\"5.00\",\"reason\":\"预算调剂\",\"effectiveDate\":\"2021-09-01\"}")
                .status()).isLessThan(300);
        assertThat(api.post(TestDeployment.WRITER, "/api/v1/projects/" + giver + "/expenditures", "{\"fundingSource\":\"FISCAL_APPROPRIATION\","
                + "\"amount\":\"1.00\",\"paidOn\":\"2021-10-10\",\"voucherNo\":\"记-1010-001\",\"reason\":\"支付\"}").status()).isLessThan(300);
        awaitReadModel();

        browser.manage().window().setSize(new Dimension(1400, 900));
        openSignedOut();
        signIn(TestDeployment.AUDITOR, TestDeployment.PASSWORDS.get(TestDeployment.AUDITOR));
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("departments")));
        String yearEnd = "http://localhost:" + port + "/#/departments/" + departmentId + "?effectiveOn=2021-12-31";
        browser.get(yearEnd);
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("effective-note"), "2021-12-31"));
        assertThat(browser.findElement(By.id("effective-on")).getAttribute("value")).isEqualTo("2021-12-31");
        assertThat(browser.findElement(By.id("disagreements")).getText()).as("the document's own two, not the transfer")
                .isEqualTo("2 处申报数与文件各行合计不一致");
        assertThat(browser.findElement(By.id("adjusted-since")).getText()).contains("年初预算 4,892.12").contains("调整数 0.00");
        String words = browser.findElement(By.id("view")).getText().replace(Seed.NAME, "").replace(TestDeployment.WRITER, "")
                .replace("CSV", "").replace("Excel", "").replaceAll("[0-9a-f]{16}…", "");
        assertThat(words).as("no English on the Chinese page").doesNotContainPattern("[A-Za-z]{3,}");
        assertThat(browser.findElement(By.id("units")).getText()).contains("年初预算（万元）").contains("调整数（万元）");
        screenshot("35-01-department-at-the-year-end-1400");

        // one box finds a payment by its voucher, typed in full-width characters
        WebElement search = browser.findElement(By.id("search"));
        search.sendKeys("１０１０－００１", Keys.ENTER);
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#search-results li[data-kind='PAYMENT']")));
        assertThat(browser.findElement(By.id("search-results")).getText()).contains("支出").contains("记-1010-001");
        search.clear();
        search.sendKeys("编外人员", Keys.ENTER);
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#search-results li[data-kind='PROJECT']")));
        screenshot("35-01b-search-1400");

        // a table sorts by any column: the units by their adjusted budget, smallest first
        WebElement adjusted = browser.findElements(By.cssSelector("#units th")).stream().filter(th -> th.getText().startsWith("调整后预算"))
                .findFirst().orElseThrow();
        click(adjusted);
        List<BigDecimal> sorted = browser.findElements(By.cssSelector("#units tbody tr")).stream()
                .map(row -> new BigDecimal(row.findElements(By.tagName("td")).get(5).getText().replace(",", ""))).toList();
        assertThat(sorted).isSorted().hasSize(4);

        // the change report without the import's 310 events: the transfer's two sides and the payment, in Chinese
        WebElement from = browser.findElement(By.id("report-from"));
        from.clear();
        from.sendKeys("2020-01-01");
        click(browser.findElement(By.cssSelector("#change-report button[type=submit]")));
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#report tbody tr")));
        List<WebElement> changes = browser.findElements(By.cssSelector("#report tbody tr"));
        assertThat(changes).hasSize(3);
        assertThat(browser.findElement(By.id("report")).getText()).contains("财政拨款调剂调出").contains("财政拨款调剂调入")
                .contains("财政拨款支出（凭证 记-1010-001）").contains("2021-09-01").contains("2021-10-10");
        ((JavascriptExecutor) browser).executeScript("arguments[0].scrollIntoView()", browser.findElement(By.id("change-report")));
        screenshot("35-02-change-report-without-imports-1400");

        // a reload keeps the auditor signed in, and the address keeps the date
        browser.navigate().refresh();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("effective-note"), "2021-12-31"));
        assertThat(browser.findElement(By.id("login")).isDisplayed()).isFalse();

        // the unit: its levels named in the way back; the department's history plotted by effective date
        browser.get("http://localhost:" + port + "/#/units/" + units.get(0).get("unitId").asText() + "?effectiveOn=2021-12-31");
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("projects")));
        assertThat(browser.findElement(By.id("crumbs")).getText()).contains("部门 · ").contains("单位 · ");
        browser.get("http://localhost:" + port + "/#/departments/" + departmentId + "/history?effectiveOn=2021-12-31");
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("history-chart")));
        assertThat(browser.findElements(By.cssSelector("#history-chart .x-label"))).extracting(WebElement::getText)
                .containsExactly("2021-01-01", "2021-09-01");
        assertThat(browser.findElements(By.cssSelector("#history-chart .marker"))).as("a point per budget day, the transfer's sides as one")
                .hasSize(2);
        assertThat(browser.findElements(By.cssSelector("#history-chart .y-label"))).extracting(WebElement::getText).containsExactly("4,892.12");
        screenshot("35-03-history-by-effective-date-1400");

        // the export says what it shows: the effective date in its name and first rows
        browser.get(yearEnd);
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("units")));
        String csv = new String(exported("csv"), StandardCharsets.UTF_8);
        assertThat(browser.findElement(By.id("exported")).getText()).contains("生效截至2021-12-31");
        assertThat(csv.lines().skip(1).findFirst().orElseThrow()).contains("生效截至：2021-12-31").contains("生成时间：");

        // at 800 px the page does not scroll sideways, and the units table fits its box
        browser.manage().window().setSize(new Dimension(800, 900));
        browser.get(yearEnd);
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("units")));
        ((JavascriptExecutor) browser).executeScript("document.getElementById('units').scrollIntoView()");
        screenshot("35-04-department-800");
        JavascriptExecutor page = (JavascriptExecutor) browser;
        assertThat((Long) page.executeScript("return document.documentElement.scrollWidth - document.documentElement.clientWidth"))
                .isLessThanOrEqualTo(0L);
        assertThat((Long) page.executeScript("const box = document.getElementById('units').parentElement; return box.scrollWidth - box.clientWidth"))
                .isLessThanOrEqualTo(1L);
        browser.manage().window().setSize(new Dimension(1280, 900));
    }

    private void importSeedOn(Instant moment) {
        Clock original = GenericEventMessage.clock;
        GenericEventMessage.clock = Clock.fixed(moment, ZoneOffset.UTC);
        try {
            Api.Response imported = api.postText(TestDeployment.WRITER, "/api/v1/imports?fiscalYear=2025&documentName=" + Seed.NAME, Seed.text());
            assertThat(imported.status()).as(imported.body().toString()).isEqualTo(200);
            assertThat(imported.body().get("eventsAppended").asInt()).isEqualTo(310);
        } finally {
            GenericEventMessage.clock = original;
        }
        awaitReadModel();
    }

    private void awaitReadModel() {
        await().atMost(Duration.ofSeconds(30)).until(() -> api.get(TestDeployment.OPERATOR, "/api/v1/ops/processors/totals").body()
                .get("caughtUp").asBoolean());
    }

    /** The page, signed out: a sign-in is kept for the tab (sessionStorage) across reloads, and the tests share one tab. */
    private void openSignedOut() {
        browser.get("http://localhost:" + port + "/");
        ((JavascriptExecutor) browser).executeScript("sessionStorage.clear()");
        browser.get("http://localhost:" + port + "/");
    }

    private void signIn(String user, String password) {
        WebElement name = browser.findElement(By.id("login-user"));
        name.clear();
        name.sendKeys(user);
        WebElement secret = browser.findElement(By.id("login-password"));
        secret.clear();
        secret.sendKeys(password);
        browser.findElement(By.id("login-submit")).click();
    }

    private WebElement rowOf(String table, String name) {
        By row = By.xpath("//table[@id='" + table + "']//tr[td/a[normalize-space()='" + name + "']]");
        return wait.until(ExpectedConditions.presenceOfElementLocated(row));
    }

    /** Clicks an element once it is scrolled clear of the header that stays at the top. */
    private void click(WebElement element) {
        ((JavascriptExecutor) browser).executeScript("arguments[0].scrollIntoView({block: 'center'})", element);
        element.click();
    }

    private void setInput(String id, String value) {
        ((JavascriptExecutor) browser).executeScript("document.getElementById(arguments[0]).value = arguments[1];", id, value);
    }

    /** The as-of date set as typing it and leaving the field does. */
    private void setDate(String date) {
        ((JavascriptExecutor) browser).executeScript("const input = document.getElementById('as-of'); input.value = arguments[0];"
                + "input.dispatchEvent(new Event('change'));", date);
    }

    private void screenshot(String name) throws IOException {
        Files.move(browser.getScreenshotAs(OutputType.FILE).toPath(), SCREENSHOTS.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
    }

    /** An amount as the page shows it: the API's decimal text with thousands grouped. */
    private static String money(String amount) {
        String[] parts = amount.split("\\.");
        String whole = parts[0].replaceAll("\\B(?=(\\d{3})+(?!\\d))", ",");
        return parts.length > 1 ? whole + "." + parts[1] : whole;
    }
}
