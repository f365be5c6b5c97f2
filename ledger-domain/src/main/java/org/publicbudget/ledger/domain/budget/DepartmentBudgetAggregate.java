package org.publicbudget.ledger.domain.budget;

/**
 * The department budget aggregate, for the application to register with Axon. The
 * aggregate is package-private: other modules and systems use only the messages of
 * {@code domain.budget.api}.
 */
public final class DepartmentBudgetAggregate {

    private DepartmentBudgetAggregate() {
    }

    public static Class<?> type() {
        return DepartmentBudget.class;
    }
}
