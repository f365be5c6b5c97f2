package org.publicbudget.ledger.app.projects;

import io.swagger.v3.oas.annotations.media.Schema;

/** Body of {@code POST /api/v1/projects/{id}/goal}. */
public record GoalRequest(
        @Schema(example = "巩固脱贫攻坚成果，有始有终地做好各项帮扶工作。") String goal,
        @Schema(example = "年中调整绩效目标") String reason,
        Long expectedVersion,
        String documentNumber,
        @Schema(example = "2025-07-01") String effectiveDate) {
}
