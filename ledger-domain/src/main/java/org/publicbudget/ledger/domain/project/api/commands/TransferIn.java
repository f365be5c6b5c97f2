package org.publicbudget.ledger.domain.project.api.commands;

import java.math.BigDecimal;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.publicbudget.ledger.domain.money.FundingSource;

/** The receiving side of a transfer: {@code amount} joins this project's allocation from {@code fundingSource}. */
public record TransferIn(@TargetAggregateIdentifier String projectId, String transferId, String fromProjectId,
        FundingSource fundingSource, BigDecimal amount, String reason) {
}
