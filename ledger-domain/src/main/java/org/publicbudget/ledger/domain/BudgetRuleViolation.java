package org.publicbudget.ledger.domain;

/**
 * A command broke a budget rule. Thrown before any event is applied, so a refused
 * command never leaves a trace in the event store. {@code field} names the part of
 * the command at fault, so that clients can show it next to the right input.
 */
public class BudgetRuleViolation extends RuntimeException {

    private final String field;

    public BudgetRuleViolation(String field, String message) {
        super(message);
        this.field = field;
    }

    public String field() {
        return field;
    }
}
