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
        for (int i = 0; i < cleaned.length(); i++) {
            char c = cleaned.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < cleaned.length() && Character.isLowSurrogate(cleaned.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c) || Character.isISOControl(c) || isInvisible(c) || c == '\uFFFE' || c == '\uFFFF') {
                throw new BudgetRuleViolation(field, field + " contains a character that has no place in budget text: U+"
                        + String.format("%04X", (int) c));
            }
        }
        return cleaned;
    }

    /**
     * Format characters print as nothing: bidirectional overrides and isolates make an
     * entry read differently from what it stores, and zero-width spaces and joiners, the
     * soft hyphen or a byte-order mark make a second 街道办事处 that looks like the first
     * but is another unit. Budget text needs none of them.
     */
    private static boolean isInvisible(char c) {
        return Character.getType(c) == Character.FORMAT;
    }
}
