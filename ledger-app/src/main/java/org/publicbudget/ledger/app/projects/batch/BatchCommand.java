package org.publicbudget.ledger.app.projects.batch;

import io.swagger.v3.oas.annotations.media.Schema;
import java.util.Map;
import org.publicbudget.ledger.domain.indicator.ResultPeriod;
import org.publicbudget.ledger.domain.money.FundingSource;

/**
 * One command of a batch: its {@code type} and the fields of the single command of
 * that type, with the project (or the department) it applies to named in the body.
 * {@code expectedVersion} plays the part of {@code If-Match}.
 */
public record BatchCommand(
        @Schema(example = "ALLOCATION_REVISION") Type type,
        String projectId,
        @Schema(description = "CREATE_PROJECT, DECLARED_TOTAL") String department,
        @Schema(description = "CREATE_PROJECT, DECLARED_TOTAL") Integer fiscalYear,
        @Schema(description = "CREATE_PROJECT, DECLARED_TOTAL") String unit,
        @Schema(description = "CREATE_PROJECT, indicator commands") String name,
        @Schema(description = "CREATE_PROJECT, GOAL_REVISION") String goal,
        @Schema(description = "CREATE_PROJECT") Map<FundingSource, String> allocations,
        @Schema(description = "ALLOCATION_REVISION, TRANSFER, EXPENDITURE") FundingSource fundingSource,
        @Schema(example = "61.50", description = "ALLOCATION_REVISION (the new amount), TRANSFER, DECLARED_TOTAL, EXPENDITURE") String amount,
        @Schema(example = "2025-07-15", description = "EXPENDITURE") String paidOn,
        @Schema(description = "EXPENDITURE, EXPENDITURE_REVERSAL (the reversing voucher)") String voucherNo,
        @Schema(description = "EXPENDITURE: the payee (收款人), optional") String payee,
        @Schema(example = "30201", description = "EXPENDITURE: the economic class (政府支出经济分类), optional") String economicClass,
        @Schema(example = "2025-07-20", description = "EXPENDITURE_REVERSAL") String reversedOn,
        @Schema(description = "EXPENDITURE_REVERSAL") String expenditureId,
        @Schema(example = "95%", description = "INDICATOR_RESULT") String actual,
        @Schema(example = "2025-07-10", description = "INDICATOR_RESULT") String reportedOn,
        @Schema(description = "INDICATOR_RESULT") ResultPeriod period,
        @Schema(description = "TRANSFER") String fromProjectId,
        @Schema(description = "TRANSFER") String toProjectId,
        @Schema(description = "indicator commands") Integer no,
        String level1,
        String level2,
        String periodTarget,
        String annualTarget,
        @Schema(example = "年中调整") String reason,
        Long expectedVersion) {

    /** The commands a batch takes: every command of the API. */
    public enum Type {
        CREATE_PROJECT, ALLOCATION_REVISION, TRANSFER, GOAL_REVISION, INDICATOR_ADDITION, INDICATOR_REVISION, INDICATOR_REMOVAL,
        WITHDRAWAL, DECLARED_TOTAL, EXPENDITURE, EXPENDITURE_REVERSAL, INDICATOR_RESULT
    }
}
