package org.publicbudget.ledger.domain.organisation;

import org.publicbudget.ledger.domain.BudgetRuleViolation;

/**
 * The fiscal years the ledger keeps budgets for: a year outside them is a typo (99999,
 * 0) that would otherwise open a department of its own, never to be removed.
 */
public final class FiscalYears {

    public static final int EARLIEST = 1990;
    public static final int LATEST = 2100;

    private FiscalYears() {
    }

    public static int valid(int year) {
        if (year < EARLIEST || year > LATEST) {
            throw new BudgetRuleViolation("fiscalYear", "fiscalYear must be between " + EARLIEST + " and " + LATEST);
        }
        return year;
    }
}
