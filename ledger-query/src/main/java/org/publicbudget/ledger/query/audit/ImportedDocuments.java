package org.publicbudget.ledger.query.audit;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.publicbudget.ledger.domain.EventMetadata;
import org.publicbudget.ledger.domain.budget.api.DocumentFinding;
import org.publicbudget.ledger.domain.budget.api.DocumentImported;
import org.publicbudget.ledger.domain.budget.api.ImportChanges;
import org.publicbudget.ledger.domain.money.Amounts;
import org.publicbudget.ledger.query.audit.words.FindingWords;
import org.publicbudget.ledger.query.history.EventReader;

/**
 * The documents imported into a department's budget, with what each import changed and
 * what it found wrong in the document, from the department budget's own events: a
 * department has few of them, so they are read from the store, always current, rather
 * than kept in a read model that could lag.
 */
public class ImportedDocuments {

    /** One import: when, by whom, which document, its totals, what it changed and its findings with their source lines. */
    public record Import(long position, Instant recordedAt, String actor, String document, String sha256, BigDecimal declaredTotal,
            BigDecimal computedTotal, BigDecimal variance, ImportChanges changes, List<Finding> findings) {
    }

    /** A finding as the import recorded it, with its message in Chinese too ({@code messageZh}, null where there are none). */
    public record Finding(String kind, int line, String message, String messageZh, String source) {

        static Finding of(DocumentFinding finding) {
            return new Finding(finding.kind(), finding.line(), finding.message(), FindingWords.zh(finding.message()), finding.source());
        }
    }

    private final EventReader events;

    public ImportedDocuments(EventReader events) {
        this.events = events;
    }

    /** The department's imports up to position {@code upTo} (null: up to now), oldest first. */
    public List<Import> of(String departmentId, Long upTo) {
        return events.ofStreams(List.of(departmentId), upTo == null ? Long.MAX_VALUE : upTo).stream()
                .filter(event -> event.getPayload() instanceof DocumentImported)
                .map(ImportedDocuments::of)
                .toList();
    }

    private static Import of(TrackedEventMessage<?> event) {
        DocumentImported imported = (DocumentImported) event.getPayload();
        BigDecimal variance = imported.declaredTotal() == null ? null
                : Amounts.canonical(imported.computedTotal().subtract(imported.declaredTotal()));
        return new Import(EventReader.positionOf(event), event.getTimestamp(),
                Objects.toString(event.getMetaData().get(EventMetadata.ACTOR), null), imported.document(), imported.sha256(),
                imported.declaredTotal(), imported.computedTotal(), variance, imported.changes(),
                imported.findings().stream().map(Finding::of).toList());
    }
}
