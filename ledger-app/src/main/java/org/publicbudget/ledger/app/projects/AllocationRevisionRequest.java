package org.publicbudget.ledger.app.projects;

import io.swagger.v3.oas.annotations.media.Schema;
import org.publicbudget.ledger.domain.money.FundingSource;

/** Body of {@code POST /api/v1/projects/{id}/allocation-revisions}: {@code amount} is the new amount. */
public record AllocationRevisionRequest(
        @Schema(example = "FISCAL_APPROPRIATION") FundingSource fundingSource,
        @Schema(example = "61.50", description = "the new amount, a decimal string in 万元") String amount,
        @Schema(example = "年中调整") String reason,
        @Schema(example = "1") Long expectedVersion,
        @Schema(example = "荔财预〔2025〕31号") String documentNumber,
        @Schema(example = "2025-07-01") String effectiveDate) {
}
