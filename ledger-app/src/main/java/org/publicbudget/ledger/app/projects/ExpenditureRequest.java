package org.publicbudget.ledger.app.projects;

import io.swagger.v3.oas.annotations.media.Schema;
import org.publicbudget.ledger.domain.money.FundingSource;

/** Body of {@code POST /api/v1/projects/{id}/expenditures}: a payment from one funding source. */
public record ExpenditureRequest(
        @Schema(example = "FISCAL_APPROPRIATION") FundingSource fundingSource,
        @Schema(example = "12.50", description = "what was paid, a decimal string in 万元") String amount,
        @Schema(example = "2025-07-15", description = "the date of the payment, within the project's fiscal year") String paidOn,
        @Schema(example = "记-2025-0715-003", description = "the accounting voucher (记账凭证) number") String voucherNo,
        @Schema(example = "调研差旅费") String reason,
        @Schema(example = "广州市某某旅行社有限公司", description = "the payee (收款人), optional") String payee,
        @Schema(example = "30211", description = "the economic class (政府支出经济分类): 3 or 5 digits, optional") String economicClass) {
}
