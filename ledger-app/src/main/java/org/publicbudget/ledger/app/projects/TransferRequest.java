package org.publicbudget.ledger.app.projects;

import io.swagger.v3.oas.annotations.media.Schema;
import org.publicbudget.ledger.domain.money.FundingSource;

/** Body of {@code POST /api/v1/transfers}: move {@code amount} of one funding source from one project to another (预算调剂). */
public record TransferRequest(
        String fromProjectId,
        String toProjectId,
        @Schema(example = "FISCAL_APPROPRIATION") FundingSource fundingSource,
        @Schema(example = "1.95") String amount,
        @Schema(example = "预算调剂：街道综合工作经费调入街道环境综合整治经费") String reason,
        @Schema(example = "荔财预〔2025〕45号") String documentNumber,
        @Schema(example = "2025-09-01") String effectiveDate) {
}
