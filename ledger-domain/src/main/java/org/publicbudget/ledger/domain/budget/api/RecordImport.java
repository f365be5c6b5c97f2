package org.publicbudget.ledger.domain.budget.api;

import java.math.BigDecimal;
import java.util.List;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Record that a budget document was imported into the department's budget: which
 * document (name and SHA-256), what its import changed and what it found wrong with the
 * document. Sent last, in the import's own transaction, after the changes it counts.
 */
public record RecordImport(
        @TargetAggregateIdentifier String departmentId,
        String department,
        int fiscalYear,
        String document,
        String sha256,
        BigDecimal declaredTotal,
        BigDecimal computedTotal,
        ImportChanges changes,
        List<DocumentFinding> findings,
        String reason) {
}
