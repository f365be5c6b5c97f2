package org.publicbudget.ledger.domain.budget.api;

import java.math.BigDecimal;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Record the total a department (when {@code unit} is null) or one of its units declares. */
public record DeclareTotal(@TargetAggregateIdentifier String departmentId, String department, int fiscalYear, String unit,
        BigDecimal amount, String reason) {
}
