package org.publicbudget.ledger.domain.project;

import org.hamcrest.Description;
import org.hamcrest.TypeSafeMatcher;
import org.publicbudget.ledger.domain.BudgetRuleViolation;

/** A refusal that names the field at fault, so that a test sees which rule refused. */
final class RefusedFor extends TypeSafeMatcher<BudgetRuleViolation> {

    private final String field;

    private RefusedFor(String field) {
        this.field = field;
    }

    static RefusedFor field(String field) {
        return new RefusedFor(field);
    }

    @Override
    protected boolean matchesSafely(BudgetRuleViolation refusal) {
        return field.equals(refusal.field());
    }

    @Override
    public void describeTo(Description description) {
        description.appendText("a budget rule refusing field " + field);
    }
}
