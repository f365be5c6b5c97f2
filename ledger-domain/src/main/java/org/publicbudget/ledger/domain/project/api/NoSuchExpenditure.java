package org.publicbudget.ledger.domain.project.api;

import org.publicbudget.ledger.domain.BudgetRuleViolation;

/** The project has no payment with that id. */
public class NoSuchExpenditure extends BudgetRuleViolation {

    public NoSuchExpenditure(String projectId, String expenditureId) {
        super("expenditureId", "project " + projectId + " has no payment " + expenditureId);
    }
}
