package org.publicbudget.ledger.domain.project.api.commands;

import java.math.BigDecimal;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.axonframework.modelling.command.TargetAggregateVersion;
import org.publicbudget.ledger.domain.money.FundingSource;

/**
 * Set a project's allocation from one funding source to a new amount.
 * {@code expectedVersion}, when given, refuses the revision if the project changed since the client read it.
 */
public record ReviseAllocation(
        @TargetAggregateIdentifier String projectId,
        FundingSource fundingSource,
        BigDecimal amount,
        String reason,
        @TargetAggregateVersion Long expectedVersion) {
}
