package org.publicbudget.ledger.domain.project.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Take back a payment recorded in error (冲销); the payment stays in the history beside its reversal. */
public record ReverseExpenditure(@TargetAggregateIdentifier String projectId, String expenditureId, String reason) {
}
