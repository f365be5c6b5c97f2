package org.publicbudget.ledger.domain.project.api.commands;

import java.math.BigDecimal;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.publicbudget.ledger.domain.money.FundingSource;

/** The giving side of a transfer (预算调剂): {@code amount} leaves this project's allocation from {@code fundingSource}. */
public record TransferOut(@TargetAggregateIdentifier String projectId, String transferId, String toProjectId,
        FundingSource fundingSource, BigDecimal amount, String reason) {
}
