package org.publicbudget.ledger.query.audit;

import java.math.BigDecimal;
import java.time.Instant;
import org.publicbudget.ledger.domain.money.FundingSource;

/**
 * One event that changed a figure: where it stands in the event store, who did it
 * and why (and, for imports, from which document lines), and the figure before and after it. {@code fundingSource} is null for a
 * project's creation, which sets every source at once.
 */
public record TrailStep(
        long position,
        String eventId,
        String eventType,
        Instant recordedAt,
        String projectId,
        FundingSource fundingSource,
        BigDecimal before,
        BigDecimal delta,
        BigDecimal after,
        String actor,
        String reason,
        String correlationId,
        String requestId,
        String document,
        String sourceLines) {
}
