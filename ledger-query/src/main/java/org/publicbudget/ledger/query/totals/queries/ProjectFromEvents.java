package org.publicbudget.ledger.query.totals.queries;

import java.util.List;
import java.util.Optional;
import org.publicbudget.ledger.query.history.EventReader;
import org.publicbudget.ledger.query.readmodel.MemoryRows;
import org.publicbudget.ledger.query.readmodel.ProjectedEvent;
import org.publicbudget.ledger.query.readmodel.projection.Projector;
import org.publicbudget.ledger.query.totals.TotalsReadModel;
import org.publicbudget.ledger.query.totals.TotalsTables;

/**
 * A project computed from its own events in memory, with the read model's definition:
 * what a read answers when it must not wait for the projection (which may be stopped
 * for a rebuild). Costs the project's history, not the store's.
 */
public class ProjectFromEvents {

    private final EventReader events;
    private final TotalsReadModel model;

    public ProjectFromEvents(EventReader events, TotalsReadModel model) {
        this.model = model;
        this.events = events;
    }

    public Optional<ProjectDetail> read(String projectId) {
        MemoryRows rows = Projector.apply(model, events.ofStreams(List.of(projectId), Long.MAX_VALUE).stream()
                .map(ProjectedEvent::of).toList(), new MemoryRows());
        return rows.find(TotalsTables.PROJECT, projectId)
                .map(project -> ProjectDetail.of(project, rows.findAll(TotalsTables.INDICATOR, projectId),
                        rows.findAll(TotalsTables.INDICATOR_RESULT, projectId)));
    }

    /** The project's newest version in the event store, -1 when there is no such project (another aggregate's id is none). */
    public long storedVersion(String projectId) {
        return events.lastSequenceOf("Project", projectId);
    }
}
