package org.publicbudget.ledger.app.api;

import org.publicbudget.ledger.domain.money.FundingSource;

/** Body of {@code POST /api/v1/transfers}: move {@code amount} of one funding source from one project to another (预算调剂). */
public record TransferRequest(String fromProjectId, String toProjectId, FundingSource fundingSource, String amount, String reason,
        String documentNumber, String effectiveDate) {
}
