package org.publicbudget.ledger.query.history;

import java.util.Optional;
import org.publicbudget.ledger.query.totals.ProjectDetail;

/** The ledger as it stood at a point in time, recomputed from the events recorded up to then. */
public class LedgerHistory {

    private final EventReader events;

    public LedgerHistory(EventReader events) {
        this.events = events;
    }

    /** The whole ledger: every event up to the point in time is folded. */
    public LedgerState at(PointInTime at) {
        return LedgerState.of(events.read("1 = 1", at));
    }

    /**
     * One department with its units and projects, from its own events only: its
     * budget's and its projects' (a project never changes department, so the read
     * model's list of them holds for any moment).
     */
    public LedgerState department(String departmentId, PointInTime at) {
        return LedgerState.of(events.read("aggregateIdentifier = ? OR aggregateIdentifier IN "
                + "(SELECT project_id FROM project_summary WHERE department_id = ?)", at, departmentId, departmentId));
    }

    /** One project, from its own events only: the cost follows the project's history, not the store's. */
    public Optional<ProjectDetail> project(String projectId, PointInTime at) {
        return LedgerState.of(events.read("aggregateIdentifier = ?", at, projectId)).project(projectId);
    }
}
