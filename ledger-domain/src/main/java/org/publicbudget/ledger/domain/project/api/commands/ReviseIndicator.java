package org.publicbudget.ledger.domain.project.api.commands;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.axonframework.modelling.command.TargetAggregateVersion;

/** Replace indicator {@code no} of a project: its categories, name and targets. */
public record ReviseIndicator(@TargetAggregateIdentifier String projectId, int no, String level1, String level2, String name,
        String periodTarget, String annualTarget, String reason, @TargetAggregateVersion Long expectedVersion) {
}
