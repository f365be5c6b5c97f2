package org.publicbudget.ledger.query.audit;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.publicbudget.ledger.query.history.EventReader;
import org.publicbudget.ledger.query.history.PointInTime;

/**
 * The running value of one project figure after each of its events. Events never
 * change once written, so a fold is computed once and then only extended with newer
 * events: a page of a long trail then costs the page, not the whole history.
 */
final class FigureFold {

    private final List<Long> positions = new ArrayList<>();
    private final List<Long> sequences = new ArrayList<>();
    private final List<Instant> recorded = new ArrayList<>();
    private final List<BigDecimal> afters = new ArrayList<>();
    private final List<AuditTrail.Change> changes = new ArrayList<>();
    private final Map<String, BigDecimal> held = new HashMap<>();
    private BigDecimal running = BigDecimal.ZERO;
    private int firstBreak = Integer.MAX_VALUE;
    private long foldedTo = -1;

    /** The sequence number of the last event folded in, -1 before the first: newer events are read by sequence. */
    long foldedTo() {
        return foldedTo;
    }

    void extend(List<TrackedEventMessage<?>> newer, BiFunction<Object, Map<String, BigDecimal>, AuditTrail.Change> changeOf) {
        for (TrackedEventMessage<?> message : newer) {
            long position = EventReader.positionOf(message);
            long sequence = ((DomainEventMessage<?>) message).getSequenceNumber();
            foldedTo = Math.max(foldedTo, sequence);
            AuditTrail.Change change = changeOf.apply(message.getPayload(), held);
            if (change == null) {
                continue;
            }
            if (!change.chained() && firstBreak == Integer.MAX_VALUE) {
                firstBreak = changes.size();
            }
            running = running.add(change.delta());
            positions.add(position);
            sequences.add(sequence);
            recorded.add(message.getTimestamp());
            afters.add(running);
            changes.add(change);
        }
    }

    /** Index of the last step the point in time includes; -1 when it includes none. */
    int lastIndexAt(PointInTime at) {
        int last = positions.size() - 1;
        while (last >= 0 && ((at.position() != null && positions.get(last) > at.position())
                || (at.asOf() != null && recorded.get(last).isAfter(at.asOf())))) {
            last--;
        }
        return last;
    }

    /** Index of the first step after position {@code after}. */
    int firstIndexAfter(long after) {
        int low = 0;
        int high = positions.size();
        while (low < high) {
            int middle = (low + high) >>> 1;
            if (positions.get(middle) <= after) {
                low = middle + 1;
            } else {
                high = middle;
            }
        }
        return low;
    }

    long position(int index) {
        return positions.get(index);
    }

    long sequence(int index) {
        return sequences.get(index);
    }

    BigDecimal after(int index) {
        return afters.get(index);
    }

    BigDecimal before(int index) {
        return index == 0 ? BigDecimal.ZERO : afters.get(index - 1);
    }

    AuditTrail.Change change(int index) {
        return changes.get(index);
    }

    boolean chainedUpTo(int index) {
        return firstBreak > index;
    }
}
