package org.publicbudget.ledger.domain.project.api.commands;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.axonframework.modelling.command.TargetAggregateVersion;

/** Take indicator {@code no} off a project. */
public record RemoveIndicator(@TargetAggregateIdentifier String projectId, int no, String reason,
        @TargetAggregateVersion Long expectedVersion) {
}
