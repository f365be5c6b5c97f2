package org.publicbudget.ledger.domain.project.api;

import org.publicbudget.ledger.domain.BudgetRuleViolation;

/** The project has no indicator with that number. */
public class NoSuchIndicator extends BudgetRuleViolation {

    public NoSuchIndicator(String projectId, int no) {
        super("no", "project " + projectId + " has no indicator " + no);
    }
}
