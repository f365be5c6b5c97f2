package org.publicbudget.ledger.query.readmodel.projection;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.publicbudget.ledger.query.readmodel.DatabaseRows;
import org.publicbudget.ledger.query.readmodel.MemoryRows;
import org.publicbudget.ledger.query.readmodel.ProjectedEvent;
import org.publicbudget.ledger.query.readmodel.ReadModel;
import org.publicbudget.ledger.query.readmodel.Table;

/** Applies events to a read model's rows, each event exactly once. */
public final class Projector {

    private Projector() {
    }

    /**
     * Applies a batch in the database: reads the state rows the batch touches, skips
     * events applied before, applies the rest in order and writes every change at once.
     * Returns how many events were applied.
     */
    public static int apply(ReadModel model, List<ProjectedEvent> batch, DatabaseRows rows) {
        return apply(model, batch, rows, rows.existing(model.appliedEvents(), batch.stream().map(ProjectedEvent::position).toList()));
    }

    /** As {@link #apply(ReadModel, List, DatabaseRows)}, told which positions are applied already. */
    public static int apply(ReadModel model, List<ProjectedEvent> batch, DatabaseRows rows, Set<Object> applied) {
        int done = applyHoldingState(model, batch, rows, applied);
        rows.flush();
        return done;
    }

    /** As {@link #apply(ReadModel, List, DatabaseRows, Set)}, but writes only the history rows: the state rows changed stay in {@code rows}. */
    public static int applyHoldingState(ReadModel model, List<ProjectedEvent> batch, DatabaseRows rows, Set<Object> applied) {
        List<ProjectedEvent> fresh = new ArrayList<>();
        Map<Table, Set<Object>> touched = new HashMap<>();
        for (ProjectedEvent event : batch) {
            if (applied.add(event.position())) {
                fresh.add(event);
                model.rowsTouchedBy(event, (table, key) -> touched.computeIfAbsent(table, t -> new LinkedHashSet<>()).add(key));
            }
        }
        touched.forEach(rows::prefetch);
        fresh.forEach(event -> model.apply(event, rows));
        rows.flushHistory();
        return fresh.size();
    }

    /** Applies events in memory, each once. */
    public static MemoryRows apply(ReadModel model, Iterable<ProjectedEvent> events, MemoryRows rows) {
        for (ProjectedEvent event : events) {
            if (rows.existing(model.appliedEvents(), List.of(event.position())).isEmpty()) {
                model.apply(event, rows);
            }
        }
        return rows;
    }
}
