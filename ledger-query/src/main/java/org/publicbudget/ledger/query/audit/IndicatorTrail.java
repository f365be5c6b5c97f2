package org.publicbudget.ledger.query.audit;

import java.time.Instant;
import java.util.List;
import org.publicbudget.ledger.domain.project.api.Indicator;

/**
 * How an indicator's categories and targets reached their present form; {@code finalValue}
 * is null once removed. {@code steps} is one page ({@code nextAfter} continues it).
 */
public record IndicatorTrail(String figure, Indicator finalValue, List<Step> steps, Long nextAfter) {

    /** One change: the indicator before (null when added) and after (null when removed). */
    public record Step(long position, String eventId, String eventType, Instant recordedAt, String effectiveDate, String actor,
            String reason, String document, String sourceLines, String requestId, Indicator before, Indicator after) {
    }
}
