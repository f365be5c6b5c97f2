package org.publicbudget.ledger.query.readmodel.comparison;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DifferencesTest {

    private static Differences department(String id, int rows) {
        Differences one = new Differences();
        for (int i = 0; i < rows; i++) {
            one.add(new Differences.Difference("budget_project", id + " | row " + i, "1.00", "2.00"));
        }
        return one;
    }

    @Test
    void aDepartmentAfterManyThatDifferALotIsStillNamed() {
        Differences all = new Differences();
        for (int d = 0; d < 30; d++) {
            all.addPart(department("department " + d, 40));
        }
        all.addPart(department("the edited one", 1));

        assertThat(all.count()).isEqualTo(30 * 40 + 1);
        assertThat(all.first()).extracting(Differences.Difference::id).contains("the edited one", "department 0", "department 29");
        assertThat(all.first()).filteredOn(d -> d.id().equals("department 7")).hasSize(Differences.LISTED_PER_PART);
    }

    @Test
    void oneComparisonListsItsFirstRowsOnly() {
        Differences one = department("one", Differences.LISTED + 10);

        assertThat(one.count()).isEqualTo(Differences.LISTED + 10);
        assertThat(one.first()).hasSize(Differences.LISTED);
    }

    @Test
    void aDepartmentsHistoryIsListedAfterItsCurrentRowsUpToTheSameBound() {
        Differences current = department("one", 3);
        current.addAll(department("one history", Differences.LISTED));

        assertThat(current.count()).isEqualTo(3 + Differences.LISTED);
        assertThat(current.first()).hasSize(Differences.LISTED);
        assertThat(current.first().get(0).id()).isEqualTo("one");
    }
}
