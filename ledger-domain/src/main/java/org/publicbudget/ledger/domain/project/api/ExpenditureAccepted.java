package org.publicbudget.ledger.domain.project.api;

import java.math.BigDecimal;
import org.publicbudget.ledger.domain.money.FundingSource;

/** What recording or reversing a payment answers: the payment, the project's new version and what its source has left. */
public record ExpenditureAccepted(String projectId, String expenditureId, long version, FundingSource fundingSource,
        BigDecimal spent, BigDecimal available) {
}
