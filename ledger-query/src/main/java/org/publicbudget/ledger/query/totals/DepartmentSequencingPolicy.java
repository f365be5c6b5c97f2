package org.publicbudget.ledger.query.totals;

import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.async.SequencingPolicy;
import org.axonframework.eventhandling.async.SequentialPerAggregatePolicy;
import org.publicbudget.ledger.domain.organisation.DepartmentScoped;

/**
 * Events of one department are handled in order by one thread: the events of each
 * project stay in order (a project never changes department), and no two segments
 * ever update the same unit or department total at once, which would otherwise
 * deadlock or need locking. Other events fall back to ordering per aggregate.
 */
public class DepartmentSequencingPolicy implements SequencingPolicy<EventMessage<?>> {

    private final SequentialPerAggregatePolicy fallback = SequentialPerAggregatePolicy.instance();

    @Override
    public Object getSequenceIdentifierFor(EventMessage<?> event) {
        if (event.getPayload() instanceof DepartmentScoped scoped) {
            return scoped.departmentId();
        }
        return fallback.getSequenceIdentifierFor(event);
    }
}
