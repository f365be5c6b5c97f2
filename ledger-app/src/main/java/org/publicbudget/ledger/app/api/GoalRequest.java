package org.publicbudget.ledger.app.api;

/** Body of {@code POST /api/v1/projects/{id}/goal}. */
public record GoalRequest(String goal, String reason, Long expectedVersion, String documentNumber, String effectiveDate) {
}
