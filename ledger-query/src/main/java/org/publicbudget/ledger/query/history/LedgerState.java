package org.publicbudget.ledger.query.history;

import java.util.List;
import java.util.Optional;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.publicbudget.ledger.query.totals.DepartmentTotals;
import org.publicbudget.ledger.query.totals.ProjectDetail;
import org.publicbudget.ledger.query.totals.ProjectRow;
import org.publicbudget.ledger.query.totals.TotalsFold;
import org.publicbudget.ledger.query.totals.UnitTotals;

/**
 * The ledger recomputed from events alone: departments, units and projects with
 * their figures, as of whatever events were applied. It answers in the same shapes
 * as the read model, so a figure as of a past moment reads like a current one. The
 * folding is {@link TotalsFold}'s, the same that rebuilds and proves the read model.
 */
public final class LedgerState {

    private final TotalsFold fold = new TotalsFold();

    public static LedgerState of(List<? extends EventMessage<?>> events) {
        LedgerState state = new LedgerState();
        events.forEach(event -> state.fold.apply(event.getPayload(),
                event instanceof DomainEventMessage<?> domain ? domain.getSequenceNumber() : 0));
        return state;
    }

    public List<DepartmentTotals> departments() {
        return fold.departments();
    }

    public Optional<DepartmentTotals> department(String id) {
        return fold.department(id);
    }

    public List<UnitTotals> units() {
        return fold.units();
    }

    public List<UnitTotals> unitsOf(String departmentId) {
        return fold.unitsOf(departmentId);
    }

    public Optional<UnitTotals> unit(String id) {
        return fold.unit(id);
    }

    public List<ProjectRow> projectsOf(String unitId) {
        return fold.projectsOf(unitId);
    }

    public Optional<ProjectDetail> project(String id) {
        return fold.project(id);
    }
}
