package org.publicbudget.ledger.query.audit;

import java.math.BigDecimal;
import java.util.List;

/**
 * How a figure reached its value: every change in event-store order, starting from
 * zero. {@code consistent} says that each step starts where the previous one ended,
 * that the deltas add up to {@code finalValue}, and that {@code finalValue} is the
 * figure the read model shows now (false while the read model has not caught up).
 */
public record Trail(String figure, BigDecimal finalValue, List<TrailStep> steps, boolean consistent) {
}
