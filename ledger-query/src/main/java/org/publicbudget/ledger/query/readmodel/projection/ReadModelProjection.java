package org.publicbudget.ledger.query.readmodel.projection;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GlobalSequenceTrackingToken;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.publicbudget.ledger.query.readmodel.DatabaseRows;
import org.publicbudget.ledger.query.readmodel.ProjectedEvent;
import org.publicbudget.ledger.query.readmodel.ReadModel;
import org.publicbudget.ledger.query.readmodel.Table;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The live projection of a read model: an event handler in the processor named after
 * the model. It gathers the events of each batch and applies them together when the
 * batch commits — in the batch's transaction, the same one that stores the processor's
 * token — with the model's one definition.
 *
 * <p>The copy written is looked up once per batch, inside its transaction: a rebuild
 * switches copies only while it holds every segment, so no batch straddles a switch.
 */
public final class ReadModelProjection {

    private final ReadModel model;
    private final JdbcTemplate jdbc;
    private final Runnable committed;
    private final String batchKey;
    private static final int IDS_PER_QUERY = 500;
    private volatile Boolean copyIn;

    /** {@code committed} runs after each batch commits (e.g. to wake readers waiting for a position). */
    public ReadModelProjection(ReadModel model, JdbcTemplate jdbc, Runnable committed) {
        this.model = model;
        this.jdbc = jdbc;
        this.committed = committed;
        this.batchKey = ReadModelProjection.class.getName() + "." + model.name();
    }

    public ReadModel model() {
        return model;
    }

    @EventHandler
    public void on(Object payload, EventMessage<?> message) {
        if (!CurrentUnitOfWork.isStarted()) {
            apply(List.of(message));
            committed.run();
            return;
        }
        UnitOfWork<?> batch = CurrentUnitOfWork.get().root();
        batch.<List<EventMessage<?>>>getOrComputeResource(batchKey, key -> {
            List<EventMessage<?>> events = new ArrayList<>();
            batch.onPrepareCommit(u -> apply(events));
            batch.afterCommit(u -> committed.run());
            return events;
        }).add(message);
    }

    /**
     * Applies a batch. Each event's position is looked up by its identifier, in the same
     * statement that tells which events were applied before: the processor's tracking
     * token gives the highest position seen, which for an event that committed late and
     * filled a gap is another event's.
     */
    private void apply(List<EventMessage<?>> messages) {
        if (copyIn()) {
            // PostgreSQL: this batch's commit need not wait for the disk. Everything it
            // writes — rows and the processor's token, in one transaction — is derived
            // from events that are durable already; a crash can only lose the last few
            // milliseconds of batches, and their token with them, so they are projected
            // again. Waiting for the flush cost every command a second one.
            jdbc.execute("SET LOCAL synchronous_commit TO OFF");
        }
        String copy = ReadModelCopies.active(jdbc, model);
        Table applied = model.appliedEvents();
        Map<String, Long> positions = new HashMap<>();
        Set<Object> done = new HashSet<>();
        List<String> ids = messages.stream().filter(m -> !exact(m)).map(EventMessage::getIdentifier).toList();
        for (int i = 0; i < ids.size(); i += IDS_PER_QUERY) {
            List<String> chunk = ids.subList(i, Math.min(ids.size(), i + IDS_PER_QUERY));
            jdbc.query("SELECT e.eventIdentifier, e.globalIndex, a." + applied.columns().get(0).name() + " FROM domainevententry e LEFT JOIN "
                    + applied.in(copy) + " a ON a." + applied.columns().get(0).name() + " = e.globalIndex WHERE e.eventIdentifier IN ("
                    + String.join(", ", Collections.nCopies(chunk.size(), "?")) + ")", rs -> {
                        positions.put(rs.getString(1), rs.getLong(2));
                        if (rs.getObject(3) != null) {
                            done.add(rs.getLong(2));
                        }
                    }, chunk.toArray());
        }
        List<ProjectedEvent> events = messages.stream()
                .map(m -> exact(m) ? ProjectedEvent.of(m) : ProjectedEvent.of(m, positions.get(m.getIdentifier()))).toList();
        DatabaseRows rows = new DatabaseRows(jdbc, copy, copyIn());
        if (ids.size() == messages.size()) {
            Projector.apply(model, events, rows, done);
        } else {
            Projector.apply(model, events, rows);
        }
    }

    private boolean copyIn() {
        if (copyIn == null) {
            copyIn = DatabaseRows.copyInAvailable(jdbc);
        }
        return copyIn;
    }

    /** A token that is the event's own position, as the store's readers give (not a processor's gap-aware token). */
    private static boolean exact(EventMessage<?> message) {
        return message instanceof TrackedEventMessage<?> tracked && tracked.trackingToken() instanceof GlobalSequenceTrackingToken;
    }

    /** Everything here is derived from events: a replay starts from empty tables. */
    @ResetHandler
    public void reset() {
        ReadModelCopies.empty(jdbc, model, ReadModelCopies.active(jdbc, model));
    }
}
