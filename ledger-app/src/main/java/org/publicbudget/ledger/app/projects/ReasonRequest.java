package org.publicbudget.ledger.app.projects;

/** Body of a change that needs nothing but its reason: a withdrawal, an indicator's removal. */
public record ReasonRequest(String reason, Long expectedVersion, String documentNumber, String effectiveDate) {
}
