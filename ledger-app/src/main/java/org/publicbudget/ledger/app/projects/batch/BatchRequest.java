package org.publicbudget.ledger.app.projects.batch;

import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;

/**
 * Body of {@code POST /api/v1/batches}: commands that land together or not at all, all
 * under one 文号 and effective date (a mid-year adjustment, the start of a fiscal year).
 */
public record BatchRequest(
        @Schema(example = "荔财预〔2025〕31号") String documentNumber,
        @Schema(example = "2025-07-01") String effectiveDate,
        List<BatchCommand> commands) {
}
