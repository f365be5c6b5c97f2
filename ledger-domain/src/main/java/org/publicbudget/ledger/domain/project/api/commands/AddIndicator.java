package org.publicbudget.ledger.domain.project.api.commands;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.axonframework.modelling.command.TargetAggregateVersion;

/**
 * Add a performance indicator (绩效指标) to a project. {@code no} is the indicator's
 * number in the project; when absent the next free number is taken.
 */
public record AddIndicator(
        @TargetAggregateIdentifier String projectId,
        Integer no,
        String level1,
        String level2,
        String name,
        String periodTarget,
        String annualTarget,
        @TargetAggregateVersion Long expectedVersion) {
}
