package org.publicbudget.ledger.domain.budget.api;

/**
 * A place where an imported document disagrees with itself or could not be read:
 * the kind of finding, the line of the document it points at, what is wrong, and the
 * text of that line as the document gives it.
 */
public record DocumentFinding(String kind, int line, String message, String source) {
}
