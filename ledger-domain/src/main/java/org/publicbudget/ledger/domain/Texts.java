package org.publicbudget.ledger.domain;

/** The rules every free-text field of a command follows. */
public final class Texts {

    /** Long enough for the longest goal text in published tables, short enough to refuse abuse. */
    public static final int MAX_LENGTH = 4000;

    private Texts() {
    }

    /** Trimmed, inner runs of white space folded to one space; refused when blank. */
    public static String required(String field, String value) {
        String cleaned = optional(field, value);
        if (cleaned.isEmpty()) {
            throw new BudgetRuleViolation(field, field + " is required");
        }
        return cleaned;
    }

    /** Trimmed and folded like {@link #required}; null becomes empty. */
    public static String optional(String field, String value) {
        if (value == null) {
            return "";
        }
        String cleaned = value.strip().replaceAll("\\s+", " ");
        if (cleaned.length() > MAX_LENGTH) {
            throw new BudgetRuleViolation(field, field + " is longer than " + MAX_LENGTH + " characters");
        }
        return cleaned;
    }
}
