package org.publicbudget.ledger.app.api;

import org.publicbudget.ledger.domain.money.FundingSource;

/** Body of {@code POST /api/v1/projects/{id}/allocation-revisions}: {@code amount} is the new amount. */
public record AllocationRevisionRequest(FundingSource fundingSource, String amount, String reason, Long expectedVersion,
        String documentNumber, String effectiveDate) {
}
