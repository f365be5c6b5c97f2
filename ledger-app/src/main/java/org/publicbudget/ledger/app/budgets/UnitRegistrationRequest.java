package org.publicbudget.ledger.app.budgets;

/** Body of {@code POST /api/v1/units}: register a unit in a department's budget for a fiscal year. */
public record UnitRegistrationRequest(String department, Integer fiscalYear, String unit, String reason, String documentNumber,
        String effectiveDate) {
}
