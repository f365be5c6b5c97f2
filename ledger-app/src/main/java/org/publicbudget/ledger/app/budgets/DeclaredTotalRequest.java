package org.publicbudget.ledger.app.budgets;

import java.math.BigDecimal;
import org.publicbudget.ledger.app.infrastructure.http.RequestFields;
import org.publicbudget.ledger.domain.Texts;
import org.publicbudget.ledger.domain.budget.api.DeclareTotal;
import org.publicbudget.ledger.domain.organisation.OrganisationIds;

/** Body of {@code POST /api/v1/declared-totals}: the department's declared total, or a unit's when {@code unit} is given. */
public record DeclaredTotalRequest(String department, Integer fiscalYear, String unit, String amount, String reason,
        String documentNumber, String effectiveDate) {

    /** The command, checked field by field as the endpoint and a batch both check it. */
    public DeclareTotal command() {
        String name = RequestFields.required("department", department);
        int year = RequestFields.fiscalYear(fiscalYear);
        BigDecimal value = RequestFields.amount("amount", amount);
        String why = RequestFields.required("reason", reason);
        String departmentId = OrganisationIds.departmentId(Texts.required("department", name), year);
        return new DeclareTotal(departmentId, name, year, unit, value, why);
    }
}
