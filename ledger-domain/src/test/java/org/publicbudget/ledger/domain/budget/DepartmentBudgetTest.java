package org.publicbudget.ledger.domain.budget;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.publicbudget.ledger.domain.BudgetRuleViolation;
import org.publicbudget.ledger.domain.budget.api.DeclareTotal;
import org.publicbudget.ledger.domain.budget.api.DeclaredTotalRecorded;
import org.publicbudget.ledger.domain.budget.api.DeclaredTotalsOutcome;
import org.publicbudget.ledger.domain.budget.api.DocumentFinding;
import org.publicbudget.ledger.domain.budget.api.DocumentImported;
import org.publicbudget.ledger.domain.budget.api.ImportChanges;
import org.publicbudget.ledger.domain.budget.api.ListedProjectsChanged;
import org.publicbudget.ledger.domain.budget.api.RecordDeclaredTotals;
import org.publicbudget.ledger.domain.budget.api.RecordImport;
import org.publicbudget.ledger.domain.budget.api.RegisterUnit;
import org.publicbudget.ledger.domain.budget.api.UnitAlreadyRegistered;
import org.publicbudget.ledger.domain.budget.api.UnitRegistered;
import org.publicbudget.ledger.domain.organisation.OrganisationIds;

class DepartmentBudgetTest {

    private static final String NAME = "石围塘街道办事处";
    private static final String D = OrganisationIds.departmentId(NAME, 2025);
    private static final String U = OrganisationIds.unitId(D, "综合保障中心");

    private FixtureConfiguration<DepartmentBudget> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(DepartmentBudget.class);
    }

    private static RecordDeclaredTotals declaring(String grand, String unit, Set<String> projects) {
        return new RecordDeclaredTotals(D, NAME, 2025, new BigDecimal(grand), Map.of("综合保障中心", new BigDecimal(unit)), projects, "doc");
    }

    @Test
    void theFirstDocumentRecordsEveryDeclaredTotalAndItsProjects() {
        fixture.givenNoPriorActivity()
                .when(declaring("4892.11", "644.08", Set.of("a", "b")))
                .expectEvents(
                        new DeclaredTotalRecorded(D, NAME, 2025, null, null, null, new BigDecimal("4892.11"), "doc"),
                        new DeclaredTotalRecorded(D, NAME, 2025, U, "综合保障中心", null, new BigDecimal("644.08"), "doc"),
                        new ListedProjectsChanged(D, Set.of("a", "b"), Set.of(), "doc"))
                .expectResultMessagePayload(new DeclaredTotalsOutcome(2, Set.of(), 3));
    }

    @Test
    void aRevisedEditionRecordsOnlyWhatChangedAndNamesProjectsItDropped() {
        fixture.given(
                        new DeclaredTotalRecorded(D, NAME, 2025, null, null, null, new BigDecimal("4892.11"), "doc"),
                        new DeclaredTotalRecorded(D, NAME, 2025, U, "综合保障中心", null, new BigDecimal("644.08"), "doc"),
                        new ListedProjectsChanged(D, Set.of("a", "b"), Set.of(), "doc"))
                .when(declaring("4892.110", "640.00", Set.of("a")))
                .expectEvents(
                        new DeclaredTotalRecorded(D, NAME, 2025, U, "综合保障中心", new BigDecimal("644.08"), new BigDecimal("640.00"), "doc"),
                        new ListedProjectsChanged(D, Set.of(), Set.of("b"), "doc"))
                .expectResultMessagePayload(new DeclaredTotalsOutcome(1, Set.of("b"), 2));
    }

    @Test
    void theIdMustBelongToTheDepartment() {
        fixture.givenNoPriorActivity()
                .when(new RecordDeclaredTotals("other", NAME, 2025, BigDecimal.ONE, Map.of(), Set.of(), "doc"))
                .expectNoEvents()
                .expectException(BudgetRuleViolation.class);
    }

    @Test
    void aUnitIsRegisteredOnce() {
        fixture.givenNoPriorActivity()
                .when(new RegisterUnit(D, NAME, 2025, "综合保障中心", "新设单位"))
                .expectEvents(new UnitRegistered(D, NAME, 2025, U, "综合保障中心", "新设单位"));
        fixture.given(new UnitRegistered(D, NAME, 2025, U, "综合保障中心", "新设单位"))
                .when(new RegisterUnit(D, NAME, 2025, "综合保障中心", "again"))
                .expectNoEvents()
                .expectException(UnitAlreadyRegistered.class);
    }

    @Test
    void aDeclaredTotalIsRecordedWithWhatItReplaced() {
        fixture.given(new DeclaredTotalRecorded(D, NAME, 2025, U, "综合保障中心", null, new BigDecimal("644.08"), "doc"))
                .when(new DeclareTotal(D, NAME, 2025, "综合保障中心", new BigDecimal("650"), "追加"))
                .expectEvents(new DeclaredTotalRecorded(D, NAME, 2025, U, "综合保障中心", new BigDecimal("644.08"),
                        new BigDecimal("650.00"), "追加"));
    }

    private static final ImportChanges NOTHING = new ImportChanges(0, 0, 0, 0, 0, 0, 0, 0, 0);
    private static final ImportChanges TWO_CREATED = new ImportChanges(2, 0, 0, 0, 0, 0, 0, 1, 3);
    private static final List<DocumentFinding> FINDINGS = List.of(new DocumentFinding("PAGE_REPEAT", 12, "row repeated", "综合保障中心 644.08"));

    private static RecordImport importing(String sha256, ImportChanges changes) {
        return new RecordImport(D, NAME, 2025, "a.txt", sha256, new BigDecimal("4892.11"), new BigDecimal("4892.11"), changes, FINDINGS,
                "imported from a.txt");
    }

    private static DocumentImported imported(String sha256, ImportChanges changes) {
        return new DocumentImported(D, NAME, 2025, "a.txt", sha256, new BigDecimal("4892.11"), new BigDecimal("4892.11"), changes, FINDINGS,
                "imported from a.txt");
    }

    @Test
    void anImportIsRecordedWithWhatItChangedAndFound() {
        fixture.givenNoPriorActivity().when(importing("aa", TWO_CREATED)).expectEvents(imported("aa", TWO_CREATED)).expectResultMessagePayload(true);
    }

    @Test
    void theSameDocumentAgainWithNothingToChangeRecordsNothing() {
        fixture.given(imported("aa", TWO_CREATED)).when(importing("aa", NOTHING)).expectNoEvents().expectResultMessagePayload(false);
    }

    @Test
    void anotherDocumentIsRecordedEvenWhenItChangesNothing() {
        fixture.given(imported("aa", TWO_CREATED)).when(importing("bb", NOTHING)).expectEvents(imported("bb", NOTHING));
    }
}
