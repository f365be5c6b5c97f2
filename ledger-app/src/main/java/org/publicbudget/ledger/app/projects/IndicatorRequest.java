package org.publicbudget.ledger.app.projects;

import io.swagger.v3.oas.annotations.media.Schema;

/**
 * Body of {@code POST /api/v1/projects/{id}/indicators} and {@code PUT …/indicators/{no}};
 * codes as in the framework, e.g. level1 "1", level2 "11".
 */
public record IndicatorRequest(
        Integer no,
        @Schema(example = "3") String level1,
        @Schema(example = "31") String level2,
        @Schema(example = "服务对象满意度") String name,
        @Schema(example = "85%或以上") String periodTarget,
        @Schema(example = "85%或以上") String annualTarget,
        String reason,
        Long expectedVersion,
        String documentNumber,
        String effectiveDate) {
}
