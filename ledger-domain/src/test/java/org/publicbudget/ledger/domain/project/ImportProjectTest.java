package org.publicbudget.ledger.domain.project;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.publicbudget.ledger.domain.BudgetRuleViolation;
import org.publicbudget.ledger.domain.money.FundingSource;
import org.publicbudget.ledger.domain.organisation.OrganisationIds;
import org.publicbudget.ledger.domain.project.api.ImportOutcome;
import org.publicbudget.ledger.domain.project.api.Indicator;
import org.publicbudget.ledger.domain.project.api.commands.ImportProject;
import org.publicbudget.ledger.domain.project.api.commands.ReviseAllocation;
import org.publicbudget.ledger.domain.project.api.commands.WithdrawProject;
import org.publicbudget.ledger.domain.project.api.events.AllocationRevised;
import org.publicbudget.ledger.domain.project.api.events.IndicatorAdded;
import org.publicbudget.ledger.domain.project.api.events.IndicatorRemoved;
import org.publicbudget.ledger.domain.project.api.events.IndicatorRevised;
import org.publicbudget.ledger.domain.project.api.events.ProjectCreated;
import org.publicbudget.ledger.domain.project.api.events.ProjectWithdrawn;

class ImportProjectTest {

    private static final String ID = "p-import";
    private static final String DEPARTMENT = "石围塘街道办事处";
    private static final String D = OrganisationIds.departmentId(DEPARTMENT, 2025);
    private static final String U = OrganisationIds.unitId(D, "街道办事处");
    private static final Indicator FIRST = new Indicator(1, "1", "11", "场地合格率", "98%", "98%");
    private static final Indicator MISMATCHED = new Indicator(2, "2", "31", "居民满意度", "＞80%", "＞80%");
    private static final Map<FundingSource, BigDecimal> FIVE = Map.of(FundingSource.FISCAL_APPROPRIATION, new BigDecimal("5.00"),
            FundingSource.SPECIAL_ACCOUNT, new BigDecimal("0.00"), FundingSource.OTHER, new BigDecimal("0.00"));

    private FixtureConfiguration<Project> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Project.class);
    }

    private static ImportProject importing(Map<FundingSource, BigDecimal> amounts, String goal, List<Indicator> indicators) {
        return new ImportProject(ID, DEPARTMENT, 2025, "街道办事处", "帮扶工作经费", goal, amounts, indicators, "import");
    }

    private static ProjectCreated created() {
        return new ProjectCreated(ID, D, DEPARTMENT, 2025, U, "街道办事处", "帮扶工作经费", "提高精准扶贫工作效率", FIVE);
    }

    private static IndicatorAdded added(Indicator i) {
        return new IndicatorAdded(ID, D, U, i.no(), i.level1(), i.level2(), i.name(), i.periodTarget(), i.annualTarget());
    }

    @Test
    void aNewProjectIsCreatedWithItsIndicatorsAsPrinted() {
        fixture.givenNoPriorActivity()
                .when(importing(FIVE, "提高精准扶贫工作效率", List.of(FIRST, MISMATCHED)))
                .expectEvents(created(), added(FIRST), added(MISMATCHED))
                .expectResultMessagePayload(new ImportOutcome(true, 0, false, 2, 0, 0, 3));
    }

    @Test
    void theSameDocumentAgainChangesNothing() {
        fixture.given(created(), added(FIRST))
                .when(importing(FIVE, "提高精准扶贫工作效率", List.of(FIRST)))
                .expectNoEvents()
                .expectResultMessagePayload(new ImportOutcome(false, 0, false, 0, 0, 0, 0));
    }

    @Test
    void aRevisedEditionAppendsExactlyTheDifferences() {
        Indicator revisedFirst = new Indicator(1, "1", "11", "场地合格率", "99%", "99%");
        Indicator third = new Indicator(3, "3", "31", "服务对象满意度", "85%或以上", "85%或以上");
        fixture.given(created(), added(FIRST), added(MISMATCHED))
                .when(importing(Map.of(FundingSource.FISCAL_APPROPRIATION, new BigDecimal("6.5")), "提高精准扶贫工作效率",
                        List.of(revisedFirst, third)))
                .expectEvents(
                        new AllocationRevised(ID, D, U, FundingSource.FISCAL_APPROPRIATION, new BigDecimal("5.00"), new BigDecimal("6.50"), "import"),
                        new IndicatorRevised(ID, D, U, FIRST, revisedFirst, "import"),
                        added(third),
                        new IndicatorRemoved(ID, D, U, MISMATCHED, "import"))
                .expectResultMessagePayload(new ImportOutcome(false, 1, false, 1, 1, 1, 4));
    }

    @Test
    void aWithdrawnProjectTakesNoMoreChanges() {
        fixture.given(created(), new ProjectWithdrawn(ID, D, U, FIVE, "dropped"))
                .when(new ReviseAllocation(ID, FundingSource.OTHER, BigDecimal.ONE, "r", null))
                .expectNoEvents()
                .expectException(BudgetRuleViolation.class);
    }

    @Test
    void withdrawingRecordsWhatTheProjectHeld() {
        fixture.given(created())
                .when(new WithdrawProject(ID, "not in the revised document", null))
                .expectEvents(new ProjectWithdrawn(ID, D, U, FIVE, "not in the revised document"));
    }

    @Test
    void indicatorNumbersMustBeUnique() {
        fixture.givenNoPriorActivity()
                .when(importing(FIVE, "", List.of(FIRST, FIRST)))
                .expectNoEvents()
                .expectException(BudgetRuleViolation.class);
    }
}
