package org.publicbudget.ledger.domain.money;

import java.math.BigDecimal;
import org.publicbudget.ledger.domain.BudgetRuleViolation;

/**
 * Amounts are exact decimals in 万元 (10,000 yuan). Six decimal places reach a
 * hundredth of a fen; the upper bound (one trillion 万元) is far beyond any
 * public budget and keeps arithmetic well inside NUMERIC(24,6).
 */
public final class Amounts {

    public static final int MAX_SCALE = 6;
    public static final BigDecimal UPPER_BOUND = new BigDecimal("1000000000000");

    private Amounts() {
    }

    /** Checks an amount and gives it one canonical form (at least two decimals), so equal amounts are equal records. */
    public static BigDecimal valid(String field, BigDecimal amount) {
        if (amount == null) {
            throw new BudgetRuleViolation(field, field + " is required");
        }
        if (amount.signum() < 0) {
            throw new BudgetRuleViolation(field, field + " must not be negative");
        }
        BigDecimal stripped = amount.stripTrailingZeros();
        if (stripped.scale() > MAX_SCALE) {
            throw new BudgetRuleViolation(field, field + " has more than " + MAX_SCALE + " decimal places");
        }
        if (stripped.compareTo(UPPER_BOUND) >= 0) {
            throw new BudgetRuleViolation(field, field + " must be below " + UPPER_BOUND.toPlainString());
        }
        return canonical(stripped);
    }

    /** One form for one value: trailing zeros dropped, at least two decimals (59.840000 and 59.84 are both 59.84). */
    public static BigDecimal canonical(BigDecimal amount) {
        BigDecimal stripped = amount.stripTrailingZeros();
        return stripped.scale() < 2 ? stripped.setScale(2) : stripped;
    }
}
