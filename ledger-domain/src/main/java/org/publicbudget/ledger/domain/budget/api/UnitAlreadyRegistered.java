package org.publicbudget.ledger.domain.budget.api;

import org.publicbudget.ledger.domain.BudgetRuleViolation;

/** Registering a unit twice is refused, so that a retried registration never looks like a new unit. */
public class UnitAlreadyRegistered extends BudgetRuleViolation {

    public UnitAlreadyRegistered(String unit) {
        super("unit", "unit " + unit + " is already registered in this department");
    }
}
