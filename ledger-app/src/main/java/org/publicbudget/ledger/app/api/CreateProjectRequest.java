package org.publicbudget.ledger.app.api;

import java.util.Map;
import org.publicbudget.ledger.domain.money.FundingSource;

/** Body of {@code POST /api/v1/projects}; amounts are decimal strings in 万元. */
public record CreateProjectRequest(
        String department,
        Integer fiscalYear,
        String unit,
        String name,
        String goal,
        Map<FundingSource, String> allocations,
        String reason,
        String documentNumber,
        String effectiveDate) {
}
