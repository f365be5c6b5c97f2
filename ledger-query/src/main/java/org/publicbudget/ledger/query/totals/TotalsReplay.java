package org.publicbudget.ledger.query.totals;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.function.Consumer;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.Segment;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.publicbudget.ledger.query.history.EventReader;

/**
 * Replays the event store into a {@link TotalsFold}, a page at a time, up to the
 * newest event.
 *
 * <p>On the way it stops once at the positions the stopped processor had reached
 * (its token per segment) and hands the fold to {@code atOldPositions}: at that
 * moment the fold holds exactly what the old copy was built from, so the two can be
 * compared row for row. Events the old copy had not seen yet are held back until
 * then; there are few (the processor's lag), and a project's events never change
 * order, because all of them belong to one segment.
 */
public final class TotalsReplay {

    /** How far back the event store's readers look for events committed late (Axon's default). */
    static final int GAP_WINDOW = 10_000;

    /** Where the replay ended: the newest position applied and the positions below it not seen (in flight when read). */
    public record Result(TotalsFold fold, long position, SortedSet<Long> gaps, long events) {

        public TrackingToken token() {
            return position < 0 ? null : GapAwareTrackingToken.newInstance(position, gaps);
        }
    }

    /** Progress after every page: events applied so far and the position reached. */
    public record Progress(long events, long position) {
    }

    private final EventReader events;
    private final DepartmentSequencingPolicy sequencing = new DepartmentSequencingPolicy();
    private final int pageSize;

    public TotalsReplay(EventReader events, int pageSize) {
        this.events = events;
        this.pageSize = pageSize;
    }

    public Result run(Map<Segment, TrackingToken> oldTokens, Consumer<TotalsFold> atOldPositions, Consumer<Progress> progress) {
        TotalsFold fold = new TotalsFold();
        long oldEnd = oldTokens.values().stream().filter(t -> t != null).mapToLong(t -> t.position().orElse(-1)).max().orElse(-1);
        List<TrackedEventMessage<?>> heldBack = new ArrayList<>();
        boolean compared = false;
        BitSet seen = new BitSet();
        long position = -1;
        long first = -1;
        long applied = 0;
        while (true) {
            List<TrackedEventMessage<?>> page = events.after(position, pageSize);
            for (TrackedEventMessage<?> event : page) {
                long at = EventReader.positionOf(event);
                if (!compared && at > oldEnd) {
                    atOldPositions.accept(fold);
                    heldBack.forEach(e -> apply(fold, e));
                    heldBack.clear();
                    compared = true;
                }
                if (compared || coveredBy(oldTokens, event, at)) {
                    apply(fold, event);
                } else {
                    heldBack.add(event);
                }
                seen.set((int) at);
                first = first < 0 ? at : first;
                position = at;
                applied++;
            }
            progress.accept(new Progress(applied, position));
            if (page.size() < pageSize) {
                break;
            }
        }
        if (!compared) {
            atOldPositions.accept(fold);
            heldBack.forEach(e -> apply(fold, e));
        }
        SortedSet<Long> gaps = new TreeSet<>();
        for (long at = Math.max(first, position - GAP_WINDOW); at < position; at++) {
            if (!seen.get((int) at)) {
                gaps.add(at);
            }
        }
        return new Result(fold, position, gaps, applied);
    }

    private boolean coveredBy(Map<Segment, TrackingToken> tokens, TrackedEventMessage<?> event, long at) {
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

    private static void apply(TotalsFold fold, TrackedEventMessage<?> event) {
        long sequence = event instanceof DomainEventMessage<?> domain ? domain.getSequenceNumber() : 0;
        fold.apply(event.getPayload(), sequence);
    }
}
