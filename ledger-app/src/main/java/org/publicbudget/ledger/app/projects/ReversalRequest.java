package org.publicbudget.ledger.app.projects;

import io.swagger.v3.oas.annotations.media.Schema;

/** Body of {@code POST /api/v1/projects/{id}/expenditures/{expenditureId}/reversal}: the reversing entry (冲销). */
public record ReversalRequest(
        @Schema(example = "2025-07-20", description = "the date of the reversal in the books, within the project's fiscal year; "
                + "left out: today, or the last day of a fiscal year that has ended") String reversedOn,
        @Schema(example = "红-2025-0720-001", description = "the reversing voucher (红字冲销凭证), if there is one") String voucherNo,
        @Schema(example = "重复入账") String reason) {
}
