package org.publicbudget.ledger.domain.budget.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Register a unit (预算单位) in a department's budget before any project of it exists. */
public record RegisterUnit(@TargetAggregateIdentifier String departmentId, String department, int fiscalYear, String unit,
        String reason) {
}
