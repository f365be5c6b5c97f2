package org.publicbudget.ledger.domain.project.api.commands;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.axonframework.modelling.command.TargetAggregateVersion;

/** Take a project out of the budget: its money leaves the totals, its history stays. */
public record WithdrawProject(@TargetAggregateIdentifier String projectId, String reason, @TargetAggregateVersion Long expectedVersion) {
}
