package org.publicbudget.ledger.app.projects;

import io.swagger.v3.oas.annotations.media.Schema;
import java.util.Map;
import org.publicbudget.ledger.domain.money.FundingSource;

/** Body of {@code POST /api/v1/projects}; amounts are decimal strings in 万元. */
public record CreateProjectRequest(
        @Schema(example = "广州市荔湾区人民政府石围塘街道办事处") String department,
        @Schema(example = "2025") Integer fiscalYear,
        @Schema(example = "广州市荔湾区石围塘街道综合保障中心") String unit,
        @Schema(example = "街道事业单位业务经费") String name,
        @Schema(example = "通过实施本项目，顺利完成对出租屋和流动人员的管理工作。") String goal,
        @Schema(example = "{\"FISCAL_APPROPRIATION\":\"15.00\",\"SPECIAL_ACCOUNT\":\"0\",\"OTHER\":\"0\"}") Map<FundingSource, String> allocations,
        @Schema(example = "2025年部门预算") String reason,
        @Schema(example = "荔财预〔2025〕12号") String documentNumber,
        @Schema(example = "2025-01-01") String effectiveDate) {
}
