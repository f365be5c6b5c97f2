package org.publicbudget.ledger.app.projects;

import io.swagger.v3.oas.annotations.media.Schema;
import org.publicbudget.ledger.domain.indicator.ResultPeriod;

/** Body of {@code POST /api/v1/projects/{id}/indicators/{no}/results}: what the indicator achieved, as written. */
public record ResultRequest(
        @Schema(example = "95%", description = "the result as reported, read like the targets") String actual,
        @Schema(example = "2025-07-10") String reportedOn,
        @Schema(example = "MID_YEAR") ResultPeriod period,
        @Schema(example = "年中绩效监控") String reason) {
}
