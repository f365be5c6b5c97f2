package org.publicbudget.ledger.query.readmodel.projection;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.function.Consumer;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.Segment;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.async.SequencingPolicy;
import org.publicbudget.ledger.query.history.EventReader;
import org.publicbudget.ledger.query.readmodel.DatabaseRows;
import org.publicbudget.ledger.query.readmodel.ProjectedEvent;
import org.publicbudget.ledger.query.readmodel.ReadModel;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionOperations;

/**
 * Replays the event store into one copy of a read model, a page at a time (one
 * transaction each), up to the newest event, with the model's one definition.
 *
 * <p>On the way it stops once at the positions the stopped processor had reached (its
 * token per segment) and calls {@code atOldPositions}: at that moment the copy holds
 * exactly what the live copy was built from, so the two can be compared row for row.
 * Events the live copy had not seen yet are held back until then; there are few (the
 * processor's lag), and a stream's events never change order, because all of them
 * belong to one segment.
 */
public final class Replay {

    /** How far back the event store's readers look for events committed late (Axon's default). */
    static final int GAP_WINDOW = 10_000;

    /**
     * State rows (projects, units, departments, indicators) held in memory between pages,
     * each written once rather than once a page; beyond this many, all are written and
     * let go. Less than 114 MiB of heap: what 50,000 projects' rows took in memory
     * together with their 250,000 history rows, which a replay does not hold.
     */
    static final int STATE_ROWS_HELD = 50_000;

    /** Where the replay ended: the newest position applied and the positions below it not seen (in flight when read). */
    public record Result(long position, SortedSet<Long> gaps, long events) {

        public TrackingToken token() {
            return position < 0 ? null : GapAwareTrackingToken.newInstance(position, gaps);
        }

        /** Whether the replay applied the event at this position. */
        public boolean covers(long at) {
            return at <= position && !gaps.contains(at);
        }
    }

    /** Progress after every page: events applied so far and the position reached. */
    public record Progress(long events, long position) {
    }

    private final ReadModel model;
    private final EventReader events;
    private final SequencingPolicy<? super EventMessage<?>> sequencing;
    private final JdbcTemplate jdbc;
    private final TransactionOperations transactions;
    private final int pageSize;
    private final boolean copyIn;

    public Replay(ReadModel model, EventReader events, SequencingPolicy<? super EventMessage<?>> sequencing, JdbcTemplate jdbc,
            TransactionOperations transactions, int pageSize) {
        this.model = model;
        this.events = events;
        this.sequencing = sequencing;
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.pageSize = pageSize;
        this.copyIn = DatabaseRows.copyInAvailable(jdbc);
    }

    /**
     * Replays into {@code copy}, which must be empty. Its secondary indexes are made
     * afterwards, in one pass each, rather than kept up row by row.
     */
    public Result run(String copy, Map<Segment, TrackingToken> oldTokens, Runnable atOldPositions, Consumer<Progress> progress) {
        ReadModelSchema.dropIndexes(jdbc, model, copy);
        try {
            return replay(copy, oldTokens, atOldPositions, progress);
        } finally {
            ReadModelSchema.createIndexes(jdbc, model, copy);
        }
    }

    private Result replay(String copy, Map<Segment, TrackingToken> oldTokens, Runnable atOldPositions, Consumer<Progress> progress) {
        DatabaseRows rows = DatabaseRows.ofEmptyCopy(jdbc, copy, copyIn);
        long oldEnd = oldTokens.values().stream().filter(t -> t != null).mapToLong(t -> t.position().orElse(-1)).max().orElse(-1);
        List<ProjectedEvent> heldBack = new ArrayList<>();
        boolean compared = false;
        BitSet seen = new BitSet();
        long position = -1;
        long first = -1;
        long applied = 0;
        while (true) {
            List<TrackedEventMessage<?>> page = events.after(position, pageSize);
            List<ProjectedEvent> now = new ArrayList<>(page.size());
            for (TrackedEventMessage<?> message : page) {
                long at = EventReader.positionOf(message);
                ProjectedEvent event = ProjectedEvent.of(message);
                if (!compared && at > oldEnd) {
                    write(rows, now);
                    now.clear();
                    writeHeld(rows);
                    atOldPositions.run();
                    write(rows, heldBack);
                    heldBack.clear();
                    compared = true;
                }
                if (compared || coveredBy(oldTokens, message, at)) {
                    now.add(event);
                } else {
                    heldBack.add(event);
                }
                seen.set((int) at);
                first = first < 0 ? at : first;
                position = at;
                applied++;
            }
            write(rows, now);
            progress.accept(new Progress(applied, position));
            if (page.size() < pageSize) {
                break;
            }
        }
        if (!compared) {
            writeHeld(rows);
            atOldPositions.run();
            write(rows, heldBack);
        }
        writeHeld(rows);
        SortedSet<Long> gaps = new TreeSet<>();
        for (long at = Math.max(first, position - GAP_WINDOW); at < position; at++) {
            if (!seen.get((int) at)) {
                gaps.add(at);
            }
        }
        return new Result(position, gaps, applied);
    }

    private void write(DatabaseRows rows, List<ProjectedEvent> batch) {
        if (!batch.isEmpty()) {
            // the copy was empty when the replay began and takes each event once: nothing to look up as applied before
            inTransaction(() -> {
                Projector.applyHoldingState(model, batch, rows, new HashSet<>());
                if (rows.stateRowsHeld() > STATE_ROWS_HELD) {
                    rows.flushAndForget();
                }
            });
        }
    }

    /** Writes the state rows held: before the copy is compared or the replay ends. */
    private void writeHeld(DatabaseRows rows) {
        inTransaction(rows::flush);
    }

    private void inTransaction(Runnable work) {
        transactions.executeWithoutResult(status -> {
            if (copyIn) {
                // PostgreSQL: the copy is not read until the switch, whose commit is durable and
                // so flushes every page's before it; a page need not wait for the disk
                jdbc.execute("SET LOCAL synchronous_commit TO OFF");
            }
            work.run();
        });
    }

    private boolean coveredBy(Map<Segment, TrackingToken> tokens, EventMessage<?> event, long at) {
        Object sequence = sequencing.getSequenceIdentifierFor(event);
        for (Map.Entry<Segment, TrackingToken> entry : tokens.entrySet()) {
            if (entry.getKey().matches(sequence)) {
                TrackingToken token = entry.getValue();
                if (token instanceof GapAwareTrackingToken gapAware) {
                    return at <= gapAware.getIndex() && !gapAware.getGaps().contains(at);
                }
                return token != null && at <= token.position().orElse(-1);
            }
        }
        return false;
    }
}
