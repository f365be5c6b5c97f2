package org.publicbudget.ledger.query.audit;

import java.math.BigDecimal;
import java.util.List;

/**
 * How a figure reached its value: every change in event-store order, starting from
 * zero. {@code finalValue} is the figure at the point in time asked for (now, unless
 * {@code asOf} or {@code atPosition} says otherwise). {@code steps} is one page of the
 * changes, those after position {@code after}; {@code nextAfter} continues it, and
 * is null on the last page. {@code consistent} says that each step starts where the
 * previous one ended, that the deltas add up to {@code finalValue}, and — for the
 * present — that {@code finalValue} is what the read model shows (false while it has
 * not caught up).
 */
public record Trail(String figure, BigDecimal finalValue, List<TrailStep> steps, boolean consistent, Long nextAfter) {
}
