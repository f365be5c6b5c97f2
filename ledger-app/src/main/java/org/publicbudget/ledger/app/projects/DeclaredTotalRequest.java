package org.publicbudget.ledger.app.projects;

/** Body of {@code POST /api/v1/declared-totals}: the department's declared total, or a unit's when {@code unit} is given. */
public record DeclaredTotalRequest(String department, Integer fiscalYear, String unit, String amount, String reason,
        String documentNumber, String effectiveDate) {
}
