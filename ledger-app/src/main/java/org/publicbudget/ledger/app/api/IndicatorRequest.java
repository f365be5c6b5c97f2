package org.publicbudget.ledger.app.api;

/**
 * Body of {@code POST /api/v1/projects/{id}/indicators} and {@code PUT …/indicators/{no}};
 * codes as in the framework, e.g. level1 "1", level2 "11".
 */
public record IndicatorRequest(
        Integer no,
        String level1,
        String level2,
        String name,
        String periodTarget,
        String annualTarget,
        String reason,
        Long expectedVersion,
        String documentNumber,
        String effectiveDate) {
}
