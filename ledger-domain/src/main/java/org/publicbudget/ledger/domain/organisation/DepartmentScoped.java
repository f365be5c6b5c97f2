package org.publicbudget.ledger.domain.organisation;

/**
 * An event that belongs to one department's budget. Read models that keep
 * department and unit totals process a department's events in order, one
 * department per thread, so that no two threads ever update the same total.
 */
public interface DepartmentScoped {

    String departmentId();

    String unitId();
}
