package org.publicbudget.ledger.app.feed;

import java.util.List;

/**
 * Which events a reader asked for — departments (ids), a fiscal year, event types
 * (stable names), one stream — within what its account may see ({@code scope}:
 * department names, null for all).
 */
public record FeedFilter(List<String> departments, Integer fiscalYear, List<String> types, String aggregateId, List<String> scope) {

    public FeedFilter {
        departments = departments == null ? List.of() : List.copyOf(departments);
        types = types == null ? List.of() : List.copyOf(types);
        scope = scope == null ? null : List.copyOf(scope);
    }

    /** Whether events must be matched to their department, which the read models' journal knows. */
    boolean byDepartment() {
        return !departments.isEmpty() || fiscalYear != null || scope != null;
    }
}
