package org.publicbudget.ledger.domain.project;

import java.math.BigDecimal;
import java.util.Map;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.publicbudget.ledger.domain.BudgetRuleViolation;
import org.publicbudget.ledger.domain.money.FundingSource;
import org.publicbudget.ledger.domain.project.api.Indicator;
import org.publicbudget.ledger.domain.project.api.NoSuchIndicator;
import org.publicbudget.ledger.domain.project.api.commands.RemoveIndicator;
import org.publicbudget.ledger.domain.project.api.commands.ReviseAllocation;
import org.publicbudget.ledger.domain.project.api.commands.ReviseGoal;
import org.publicbudget.ledger.domain.project.api.commands.ReviseIndicator;
import org.publicbudget.ledger.domain.project.api.commands.TransferIn;
import org.publicbudget.ledger.domain.project.api.commands.TransferOut;
import org.publicbudget.ledger.domain.project.api.events.AllocationRevised;
import org.publicbudget.ledger.domain.project.api.events.AllocationTransferred;
import org.publicbudget.ledger.domain.project.api.events.GoalRevised;
import org.publicbudget.ledger.domain.project.api.events.IndicatorAdded;
import org.publicbudget.ledger.domain.project.api.events.IndicatorRemoved;
import org.publicbudget.ledger.domain.project.api.events.IndicatorRevised;
import org.publicbudget.ledger.domain.project.api.events.ProjectCreated;

/** Goal and indicator revisions, removal, and the two sides of a transfer. */
class ProjectChangesTest {

    private static final String ID = "p-9";
    private static final Map<FundingSource, BigDecimal> HOLDS = Map.of(FundingSource.FISCAL_APPROPRIATION, new BigDecimal("5.00"),
            FundingSource.SPECIAL_ACCOUNT, new BigDecimal("0.00"), FundingSource.OTHER, new BigDecimal("0.00"));
    private static final Indicator TIMES = new Indicator(1, "1", "11", "调研次数", "2次", "2次");

    private FixtureConfiguration<Project> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Project.class);
    }

    private static ProjectCreated created() {
        return new ProjectCreated(ID, "d", "石围塘街道办事处", 2025, "u", "街道办事处", "帮扶工作经费", "提高精准扶贫工作效率", HOLDS);
    }

    private static IndicatorAdded timesAdded() {
        return new IndicatorAdded(ID, "d", "u", 1, "1", "11", "调研次数", "2次", "2次");
    }

    /** Events written by other means (an older version, a migration) may name only the sources that hold money. */
    @Test
    void aSourceTheCreationDidNotNameStartsAtZero() {
        fixture.given(new ProjectCreated(ID, "d", "石围塘街道办事处", 2025, "u", "街道办事处", "帮扶工作经费", "",
                        Map.of(FundingSource.FISCAL_APPROPRIATION, new BigDecimal("5.00"))))
                .when(new ReviseAllocation(ID, FundingSource.OTHER, new BigDecimal("1.50"), "追加", null))
                .expectEvents(new AllocationRevised(ID, "d", "u", FundingSource.OTHER, BigDecimal.ZERO, new BigDecimal("1.50"), "追加"));
    }

    @Test
    void aGoalRevisionRecordsBeforeAndAfter() {
        fixture.given(created())
                .when(new ReviseGoal(ID, "巩固脱贫攻坚成果", "年中调整", null))
                .expectEvents(new GoalRevised(ID, "d", "u", "提高精准扶贫工作效率", "巩固脱贫攻坚成果", "年中调整"));
    }

    @Test
    void aGoalRevisionThatChangesNothingIsRefused() {
        fixture.given(created())
                .when(new ReviseGoal(ID, " 提高精准扶贫工作效率 ", "r", null))
                .expectNoEvents()
                .expectException(BudgetRuleViolation.class);
    }

    @Test
    void anIndicatorRevisionKeepsTheWholeBeforeAndAfter() {
        Indicator more = new Indicator(1, "1", "11", "调研次数", "4次", "4次");
        fixture.given(created(), timesAdded())
                .when(new ReviseIndicator(ID, 1, "1", "11", "调研次数", "4次", "4次", "加密调研", null))
                .expectEvents(new IndicatorRevised(ID, "d", "u", TIMES, more, "加密调研"));
    }

    @Test
    void anIndicatorRevisionFollowsTheFramework() {
        fixture.given(created(), timesAdded())
                .when(new ReviseIndicator(ID, 1, "2", "11", "调研次数", "4次", "4次", "r", null))
                .expectNoEvents()
                .expectExceptionMessage("level2 11 (数量指标) belongs to level1 1, not 2");
    }

    @Test
    void anUnknownIndicatorIsNamed() {
        fixture.given(created())
                .when(new RemoveIndicator(ID, 7, "r", null))
                .expectNoEvents()
                .expectException(NoSuchIndicator.class)
                .expectExceptionMessage("project p-9 has no indicator 7");
    }

    @Test
    void removingAnIndicatorKeepsWhatItWas() {
        fixture.given(created(), timesAdded())
                .when(new RemoveIndicator(ID, 1, "不再适用", null))
                .expectEvents(new IndicatorRemoved(ID, "d", "u", TIMES, "不再适用"));
    }

    @Test
    void theGivingSideOfATransferCannotGiveMoreThanItHolds() {
        fixture.given(created())
                .when(new TransferOut(ID, "t-1", "p-10", FundingSource.FISCAL_APPROPRIATION, new BigDecimal("5.01"), "调剂"))
                .expectNoEvents()
                .expectExceptionMessage("project p-9 holds only 5.00 from FISCAL_APPROPRIATION; it cannot give 5.01");
    }

    @Test
    void bothSidesOfATransferCarryItsId() {
        fixture.given(created())
                .when(new TransferOut(ID, "t-1", "p-10", FundingSource.FISCAL_APPROPRIATION, new BigDecimal("1.5"), "调剂"))
                .expectEvents(new AllocationTransferred(ID, "d", "u", "t-1", "p-10", FundingSource.FISCAL_APPROPRIATION,
                        new BigDecimal("5.00"), new BigDecimal("3.50"), "调剂"));
        fixture.given(created())
                .when(new TransferIn(ID, "t-1", "p-8", FundingSource.OTHER, new BigDecimal("1.5"), "调剂"))
                .expectEvents(new AllocationTransferred(ID, "d", "u", "t-1", "p-8", FundingSource.OTHER,
                        new BigDecimal("0.00"), new BigDecimal("1.50"), "调剂"));
    }

    @Test
    void aTransferOfNothingOrToItselfIsRefused() {
        fixture.given(created())
                .when(new TransferOut(ID, "t-1", "p-10", FundingSource.FISCAL_APPROPRIATION, BigDecimal.ZERO, "调剂"))
                .expectNoEvents()
                .expectExceptionMessage("amount must be more than zero");
        fixture.given(created())
                .when(new TransferOut(ID, "t-1", ID, FundingSource.FISCAL_APPROPRIATION, BigDecimal.ONE, "调剂"))
                .expectNoEvents()
                .expectExceptionMessage("a transfer needs two different projects");
    }
}
