package org.publicbudget.ledger.domain.project;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.Map;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.publicbudget.ledger.domain.BudgetRuleViolation;
import org.publicbudget.ledger.domain.money.FundingSource;
import org.publicbudget.ledger.domain.organisation.OrganisationIds;
import org.publicbudget.ledger.domain.project.api.ProjectBalance;
import org.publicbudget.ledger.domain.project.api.ProjectLimits;
import org.publicbudget.ledger.domain.project.api.commands.AddIndicator;
import org.publicbudget.ledger.domain.project.api.commands.CreateProject;
import org.publicbudget.ledger.domain.project.api.commands.ReviseAllocation;
import org.publicbudget.ledger.domain.project.api.events.AllocationRevised;
import org.publicbudget.ledger.domain.project.api.events.IndicatorAdded;
import org.publicbudget.ledger.domain.project.api.events.ProjectCreated;

class ProjectTest {

    private static final String ID = "p-1";
    private static final String DEPARTMENT = "广州市荔湾区人民政府石围塘街道办事处";
    private static final String UNIT = "广州市荔湾区人民政府石围塘街道办事处";
    private static final String DEPARTMENT_ID = OrganisationIds.departmentId(DEPARTMENT, 2025);
    private static final String UNIT_ID = OrganisationIds.unitId(DEPARTMENT_ID, UNIT);
    private static final Map<FundingSource, BigDecimal> CREATED_WITH = Map.of(
            FundingSource.FISCAL_APPROPRIATION, new BigDecimal("59.84"),
            FundingSource.SPECIAL_ACCOUNT, new BigDecimal("0.00"),
            FundingSource.OTHER, new BigDecimal("0.00"));

    private FixtureConfiguration<Project> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Project.class);
    }

    private static ProjectCreated created() {
        return new ProjectCreated(ID, DEPARTMENT_ID, DEPARTMENT, 2025,
                UNIT_ID, UNIT, "编外人员聘用经费", "及时发放编外人员聘用经费", CREATED_WITH);
    }

    @Test
    void creatingAProjectRecordsEveryFundingSourceWithDerivedIds() {
        fixture.givenNoPriorActivity()
                .when(new CreateProject(ID, DEPARTMENT, 2025, UNIT, "编外人员聘用经费", "及时发放编外人员聘用经费",
                        Map.of(FundingSource.FISCAL_APPROPRIATION, new BigDecimal("59.84"))))
                .expectSuccessfulHandlerExecution()
                .expectEvents(created());
    }

    @Test
    void namesAreTrimmedAndTheirInnerSpaceFolded() {
        fixture.givenNoPriorActivity()
                .when(new CreateProject(ID, "  " + DEPARTMENT + " ", 2025, UNIT, " 编外人员聘用经费\n", "及时发放编外人员聘用经费",
                        Map.of(FundingSource.FISCAL_APPROPRIATION, new BigDecimal("59.840"))))
                .expectEvents(created());
    }

    @Test
    void aNegativeAllocationIsRefused() {
        fixture.givenNoPriorActivity()
                .when(new CreateProject(ID, DEPARTMENT, 2025, UNIT, "x", "",
                        Map.of(FundingSource.OTHER, new BigDecimal("-1"))))
                .expectNoEvents()
                .expectException(BudgetRuleViolation.class)
                .expectExceptionMessage("allocations.OTHER must not be negative");
    }

    @Test
    void anAllocationWithMoreThanSixDecimalsIsRefused() {
        fixture.givenNoPriorActivity()
                .when(new CreateProject(ID, DEPARTMENT, 2025, UNIT, "x", "",
                        Map.of(FundingSource.OTHER, new BigDecimal("1.0000001"))))
                .expectNoEvents()
                .expectExceptionMessage("allocations.OTHER has more than 6 decimal places");
    }

    @Test
    void aProjectNeedsAName() {
        fixture.givenNoPriorActivity()
                .when(new CreateProject(ID, DEPARTMENT, 2025, UNIT, "  ", "", Map.of()))
                .expectNoEvents()
                .expectExceptionMessage("name is required");
    }

    @Test
    void anImplausibleFiscalYearIsRefused() {
        fixture.givenNoPriorActivity()
                .when(new CreateProject(ID, DEPARTMENT, 25, UNIT, "x", "", Map.of()))
                .expectNoEvents()
                .expectException(BudgetRuleViolation.class);
    }

    @Test
    void aRevisionRecordsBeforeAndAfter() {
        fixture.given(created())
                .when(new ReviseAllocation(ID, FundingSource.FISCAL_APPROPRIATION, new BigDecimal("61.5"), "年中调整", null))
                .expectEvents(new AllocationRevised(ID, DEPARTMENT_ID, UNIT_ID, FundingSource.FISCAL_APPROPRIATION,
                        new BigDecimal("59.84"), new BigDecimal("61.50"), "年中调整"))
                .expectResultMessagePayload(new ProjectBalance(ID, 1, Map.of(
                        FundingSource.FISCAL_APPROPRIATION, new BigDecimal("61.50"),
                        FundingSource.SPECIAL_ACCOUNT, new BigDecimal("0.00"),
                        FundingSource.OTHER, new BigDecimal("0.00"))));
    }

    @Test
    void aRevisionThatChangesNothingIsRefused() {
        fixture.given(created())
                .when(new ReviseAllocation(ID, FundingSource.FISCAL_APPROPRIATION, new BigDecimal("59.840"), "no change", null))
                .expectNoEvents()
                .expectException(BudgetRuleViolation.class);
    }

    @Test
    void aRevisionWithoutAReasonIsRefused() {
        fixture.given(created())
                .when(new ReviseAllocation(ID, FundingSource.FISCAL_APPROPRIATION, new BigDecimal("1"), " ", null))
                .expectNoEvents()
                .expectExceptionMessage("reason is required");
    }

    @Test
    void aRevisionToANegativeAmountIsRefused() {
        fixture.given(created())
                .when(new ReviseAllocation(ID, FundingSource.OTHER, new BigDecimal("-0.01"), "cut", null))
                .expectNoEvents()
                .expectExceptionMessage("amount must not be negative");
    }

    @Test
    void aRevisionNeedsAFundingSource() {
        fixture.given(created())
                .when(new ReviseAllocation(ID, null, BigDecimal.ONE, "cut", null))
                .expectNoEvents()
                .expectExceptionMessage(ProjectLimits.FUNDING_SOURCE_REQUIRED);
    }

    @Test
    void indicatorsAreNumberedInTurn() {
        fixture.given(created(), new IndicatorAdded(ID, DEPARTMENT_ID, UNIT_ID, 1, "1", "12", "编外人员业绩量化考核完成率", "100%", "100%"))
                .when(new AddIndicator(ID, null, "3", "31", "服务对象满意度", "85%或以上", "85%或以上", null))
                .expectEvents(new IndicatorAdded(ID, DEPARTMENT_ID, UNIT_ID, 2, "3", "31", "服务对象满意度", "85%或以上", "85%或以上"));
    }

    @Test
    void aLevel2CodeOutsideItsLevel1GroupIsRefused() {
        fixture.given(created())
                .when(new AddIndicator(ID, null, "2", "31", "居民满意度", "＞80%", "＞80%", null))
                .expectNoEvents()
                .expectExceptionMessage("level2 31 (服务对象满意度) belongs to level1 3, not 2");
    }

    @Test
    void anUnknownLevel1CodeIsRefused() {
        fixture.given(created())
                .when(new AddIndicator(ID, null, "4", "41", "x", "", "", null))
                .expectNoEvents()
                .expectException(BudgetRuleViolation.class);
    }

    @Test
    void anUnknownLevel2CodeIsRefused() {
        fixture.given(created())
                .when(new AddIndicator(ID, null, "1", "15", "x", "", "", null))
                .expectNoEvents()
                .expectExceptionMessage("level2 15 is not a category of the framework");
    }

    @Test
    void anIndicatorNumberIsUsedOnce() {
        fixture.given(created(), new IndicatorAdded(ID, DEPARTMENT_ID, UNIT_ID, 1, "1", "12", "a", "", ""))
                .when(new AddIndicator(ID, 1, "1", "11", "b", "", "", null))
                .expectNoEvents()
                .expectExceptionMessage("indicator 1 already exists in this project");
    }

    @Test
    void aStaleExpectedVersionIsRefused() {
        fixture.given(created(), new AllocationRevised(ID, DEPARTMENT_ID, UNIT_ID, FundingSource.OTHER, new BigDecimal("0.00"), new BigDecimal("1.00"), "r"))
                .when(new ReviseAllocation(ID, FundingSource.OTHER, new BigDecimal("2"), "r2", 0L))
                .expectNoEvents()
                .expectException(org.axonframework.modelling.command.ConflictingAggregateVersionException.class);
    }

    @Test
    void aStaleVersionIsAConflictBeforeAnyOtherRule() {
        fixture.given(created(), new AllocationRevised(ID, DEPARTMENT_ID, UNIT_ID, FundingSource.OTHER, new BigDecimal("0.00"),
                        new BigDecimal("1.00"), "r"))
                .when(new ReviseAllocation(ID, FundingSource.OTHER, new BigDecimal("1.00"), "r2", 0L))
                .expectNoEvents()
                .expectException(org.axonframework.modelling.command.ConflictingModificationException.class);
    }

    @Test
    void allocationsOfDifferentScaleAreEqualOnceValidated() {
        assertThat(org.publicbudget.ledger.domain.money.Amounts.valid("a", new BigDecimal("10")))
                .isEqualTo(new BigDecimal("10.00"));
        assertThat(org.publicbudget.ledger.domain.money.Amounts.valid("a", new BigDecimal("10.1230")))
                .isEqualTo(new BigDecimal("10.123"));
    }
}
