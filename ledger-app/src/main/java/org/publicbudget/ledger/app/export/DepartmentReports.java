package org.publicbudget.ledger.app.export;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.publicbudget.ledger.domain.budget.DeclaredTotalRecorded;
import org.publicbudget.ledger.domain.budget.UnitRegistered;
import org.publicbudget.ledger.domain.money.Allocations;
import org.publicbudget.ledger.domain.organisation.DepartmentScoped;
import org.publicbudget.ledger.domain.project.AllocationRevised;
import org.publicbudget.ledger.domain.project.AllocationTransferred;
import org.publicbudget.ledger.domain.project.GoalRevised;
import org.publicbudget.ledger.domain.project.IndicatorAdded;
import org.publicbudget.ledger.domain.project.IndicatorRemoved;
import org.publicbudget.ledger.domain.project.IndicatorRevised;
import org.publicbudget.ledger.domain.project.ProjectCreated;
import org.publicbudget.ledger.domain.project.ProjectEvent;
import org.publicbudget.ledger.domain.project.ProjectWithdrawn;
import org.publicbudget.ledger.query.history.EventReader;
import org.publicbudget.ledger.query.history.LedgerHistory;
import org.publicbudget.ledger.query.history.LedgerState;
import org.publicbudget.ledger.query.history.PointInTime;
import org.springframework.stereotype.Service;

/** The department's table as of a moment, and the changes between two moments — both from the events. */
@Service
public class DepartmentReports {

    private final LedgerHistory history;
    private final EventReader events;

    public DepartmentReports(LedgerHistory history, EventReader events) {
        this.history = history;
        this.events = events;
    }

    public Optional<DepartmentTable> table(String departmentId, PointInTime at) {
        LedgerState state = history.department(departmentId, at);
        return state.department(departmentId).map(department -> DepartmentTable.of(state, department));
    }

    public ChangeReport changes(String departmentId, Instant from, Instant to) {
        List<ChangeReport.Change> changes = new ArrayList<>();
        LedgerState names = history.at(new PointInTime(to, null));
        for (TrackedEventMessage<?> message : events.read("1 = 1", new PointInTime(to, null))) {
            if (!message.getTimestamp().isAfter(from) || !(message.getPayload() instanceof DepartmentScoped scoped)
                    || !scoped.departmentId().equals(departmentId)) {
                continue;
            }
            Object event = message.getPayload();
            String projectId = event instanceof ProjectEvent p ? p.projectId() : null;
            String project = projectId == null ? null : names.project(projectId).map(p -> p.name()).orElse(projectId);
                String source = null;
            BigDecimal before = null;
            BigDecimal after = null;
            String what;
            if (event instanceof ProjectCreated created) {
                what = "project " + created.name() + " created in " + created.unit();
                after = Allocations.total(created.allocations());
            } else if (event instanceof AllocationRevised revised) {
                what = project + ": " + revised.fundingSource().label() + " revised";
                source = revised.fundingSource().name();
                before = revised.before();
                after = revised.after();
            } else if (event instanceof AllocationTransferred transferred) {
                what = project + ": " + transferred.fundingSource().label() + (transferred.delta().signum() < 0 ? " transferred out" : " transferred in")
                        + " (transfer " + transferred.transferId() + ")";
                source = transferred.fundingSource().name();
                before = transferred.before();
                after = transferred.after();
            } else if (event instanceof ProjectWithdrawn withdrawn) {
                what = project + ": withdrawn";
                before = Allocations.total(withdrawn.allocations());
                after = BigDecimal.ZERO;
            } else if (event instanceof GoalRevised) {
                what = project + ": goal revised";
            } else if (event instanceof IndicatorAdded added) {
                what = project + ": indicator " + added.no() + " added (" + added.name() + ")";
            } else if (event instanceof IndicatorRevised revised) {
                what = project + ": indicator " + revised.after().no() + " revised";
            } else if (event instanceof IndicatorRemoved removed) {
                what = project + ": indicator " + removed.removed().no() + " removed";
            } else if (event instanceof DeclaredTotalRecorded declared) {
                what = "declared total of " + (declared.unit() == null ? "the department" : declared.unit());
                before = declared.before();
                after = declared.after();
            } else if (event instanceof UnitRegistered registered) {
                what = "unit " + registered.unit() + " registered";
            } else {
                continue;
            }
            changes.add(new ChangeReport.Change(EventReader.positionOf(message), message.getTimestamp(), EventReader.metadata(message, "effectiveDate"),
                    message.getPayloadType().getSimpleName(), projectId, what, source, before, after, EventReader.metadata(message, "actor"),
                    EventReader.metadata(message, "reason"), EventReader.metadata(message, "documentNumber"), EventReader.metadata(message, "document")));
        }
        return new ChangeReport(departmentId, from, to, changes);
    }

}
