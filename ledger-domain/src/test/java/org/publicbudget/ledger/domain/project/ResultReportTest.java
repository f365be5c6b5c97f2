package org.publicbudget.ledger.domain.project;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Map;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.publicbudget.ledger.domain.indicator.ResultPeriod;
import org.publicbudget.ledger.domain.money.FundingSource;
import org.publicbudget.ledger.domain.project.api.Indicator;
import org.publicbudget.ledger.domain.project.api.IndicatorAccepted;
import org.publicbudget.ledger.domain.project.api.NoSuchIndicator;
import org.publicbudget.ledger.domain.project.api.commands.ReportIndicatorResult;
import org.publicbudget.ledger.domain.project.api.events.IndicatorAdded;
import org.publicbudget.ledger.domain.project.api.events.IndicatorRemoved;
import org.publicbudget.ledger.domain.project.api.events.IndicatorResultReported;
import org.publicbudget.ledger.domain.project.api.events.ProjectCreated;

/** Indicator results: reported per period as written, revised by a later report, gone with their indicator. */
class ResultReportTest {

    private static final String ID = "p-5";
    private static final LocalDate JULY = LocalDate.of(2025, 7, 10);

    private FixtureConfiguration<Project> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Project.class);
    }

    private static ProjectCreated created() {
        return new ProjectCreated(ID, "d", "石围塘街道办事处", 2025, "u", "街道办事处", "帮扶工作经费", "",
                Map.of(FundingSource.FISCAL_APPROPRIATION, new BigDecimal("5.00")));
    }

    private static IndicatorAdded coverage() {
        return new IndicatorAdded(ID, "d", "u", 1, "1", "12", "帮扶覆盖率", "≥90%", "≥90%");
    }

    private static IndicatorResultReported reported(String before, String actual) {
        return new IndicatorResultReported(ID, "d", "u", 1, ResultPeriod.MID_YEAR, before, actual, JULY, "年中监控");
    }

    @Test
    void aFirstReportHasNothingBefore() {
        fixture.given(created(), coverage())
                .when(new ReportIndicatorResult(ID, 1, ResultPeriod.MID_YEAR, " 62% ", JULY, "年中监控"))
                .expectEvents(reported(null, "62%"))
                .expectResultMessagePayload(new IndicatorAccepted(ID, 1, 2));
    }

    @Test
    void aLaterReportRevisesAndKeepsWhatItReplaces() {
        fixture.given(created(), coverage(), reported(null, "62%"))
                .when(new ReportIndicatorResult(ID, 1, ResultPeriod.MID_YEAR, "64%", JULY, "年中监控"))
                .expectEvents(reported("62%", "64%"));
    }

    @Test
    void theSameResultAgainIsRefused() {
        fixture.given(created(), coverage(), reported(null, "62%"))
                .when(new ReportIndicatorResult(ID, 1, ResultPeriod.MID_YEAR, "62%", JULY, "年中监控"))
                .expectNoEvents()
                .expectException(RefusedFor.field("actual"));
    }

    @Test
    void periodsAreSeparate() {
        fixture.given(created(), coverage(), reported(null, "62%"))
                .when(new ReportIndicatorResult(ID, 1, ResultPeriod.ANNUAL, "62%", LocalDate.of(2026, 3, 1), "年度自评"))
                .expectEvents(new IndicatorResultReported(ID, "d", "u", 1, ResultPeriod.ANNUAL, null, "62%", LocalDate.of(2026, 3, 1),
                        "年度自评"));
    }

    @Test
    void aResultForAnIndicatorTheProjectDoesNotHaveIsNotFound() {
        fixture.given(created(), coverage())
                .when(new ReportIndicatorResult(ID, 2, ResultPeriod.ANNUAL, "1次", JULY, "r"))
                .expectNoEvents()
                .expectException(NoSuchIndicator.class);
    }

    @Test
    void aReportOutsideTheFiscalYearAndTheYearAfterIsRefused() {
        fixture.given(created(), coverage())
                .when(new ReportIndicatorResult(ID, 1, ResultPeriod.ANNUAL, "90%", LocalDate.of(2027, 1, 1), "r"))
                .expectNoEvents()
                .expectException(RefusedFor.field("reportedOn"));
    }

    @Test
    void aRemovedIndicatorTakesItsResultsAlong() {
        Indicator removed = new Indicator(1, "1", "12", "帮扶覆盖率", "≥90%", "≥90%");
        fixture.given(created(), coverage(), reported(null, "62%"), new IndicatorRemoved(ID, "d", "u", removed, "合并"), coverage())
                .when(new ReportIndicatorResult(ID, 1, ResultPeriod.MID_YEAR, "62%", JULY, "年中监控"))
                .expectEvents(new IndicatorResultReported(ID, "d", "u", 1, ResultPeriod.MID_YEAR, null, "62%", JULY, "年中监控"));
    }
}
