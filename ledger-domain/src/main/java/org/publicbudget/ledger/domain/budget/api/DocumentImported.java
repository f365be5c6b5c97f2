package org.publicbudget.ledger.domain.budget.api;

import java.math.BigDecimal;
import java.util.List;
import org.axonframework.serialization.Revision;
import org.publicbudget.ledger.domain.organisation.DepartmentScoped;

/**
 * A budget document was imported into the department's budget. Recorded when the
 * import changed something or the document is not the one imported last; importing the
 * same document again with nothing to change records nothing.
 */
@Revision("1")
public record DocumentImported(
        String departmentId,
        String department,
        int fiscalYear,
        String document,
        String sha256,
        BigDecimal declaredTotal,
        BigDecimal computedTotal,
        ImportChanges changes,
        List<DocumentFinding> findings,
        String reason) implements DepartmentScoped {

    @Override
    public String unitId() {
        return null;
    }
}
