package org.publicbudget.ledger.domain.project.api.commands;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.axonframework.modelling.command.TargetAggregateVersion;

/** Replace a project's goal (绩效目标) text. */
public record ReviseGoal(@TargetAggregateIdentifier String projectId, String goal, String reason,
        @TargetAggregateVersion Long expectedVersion) {
}
