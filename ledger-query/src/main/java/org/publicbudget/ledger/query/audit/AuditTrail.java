package org.publicbudget.ledger.query.audit;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.publicbudget.ledger.domain.money.Allocations;
import org.publicbudget.ledger.domain.money.Amounts;
import org.publicbudget.ledger.domain.money.FundingSource;
import org.publicbudget.ledger.domain.project.AllocationRevised;
import org.publicbudget.ledger.domain.project.AllocationTransferred;
import org.publicbudget.ledger.domain.project.Indicator;
import org.publicbudget.ledger.domain.project.IndicatorAdded;
import org.publicbudget.ledger.domain.project.IndicatorRemoved;
import org.publicbudget.ledger.domain.project.IndicatorRevised;
import org.publicbudget.ledger.domain.project.ProjectCreated;
import org.publicbudget.ledger.domain.project.ProjectWithdrawn;
import org.publicbudget.ledger.query.history.EventReader;
import org.publicbudget.ledger.query.history.PointInTime;
import org.publicbudget.ledger.query.totals.TotalsQueries;

/**
 * Explains a figure — a project's allocation from one funding source, a project,
 * unit or department total, an indicator — from the events themselves, read straight
 * from the event store in its order, so that what an auditor sees is exactly what
 * happened. Which projects belong to a unit or department comes from the read model;
 * that never changes once a project exists.
 */
public class AuditTrail {

    private static final String MONEY_EVENTS = "payloadType IN ('" + ProjectCreated.class.getName() + "', '"
            + AllocationRevised.class.getName() + "', '" + AllocationTransferred.class.getName() + "', '"
            + ProjectWithdrawn.class.getName() + "')";
    private static final String INDICATOR_EVENTS = "payloadType IN ('" + IndicatorAdded.class.getName() + "', '"
            + IndicatorRevised.class.getName() + "', '" + IndicatorRemoved.class.getName() + "')";

    /** Folds kept for this many project figures at most; beyond that the others are dropped. */
    private static final int MAX_FOLDS = 512;

    private final EventReader events;
    private final TotalsQueries totals;
    private final Map<String, FigureFold> folds = new ConcurrentHashMap<>();

    public AuditTrail(EventReader events, TotalsQueries totals) {
        this.events = events;
        this.totals = totals;
    }

    /**
     * A project's total, or with {@code source} its allocation from that funding source.
     * Folded once per figure and extended with newer events (see {@link FigureFold});
     * only the page's own events are read in full.
     */
    public Optional<Trail> ofProject(String projectId, FundingSource source, PointInTime at, TrailPage page) {
        FigureFold fold = folds.computeIfAbsent(projectId + "/" + source, key -> new FigureFold());
        if (folds.size() > MAX_FOLDS) {
            folds.keySet().removeIf(key -> !key.startsWith(projectId + "/"));
        }
        int last;
        int first;
        synchronized (fold) {
            fold.extend(events.read("aggregateIdentifier = ? AND sequenceNumber > ? AND " + MONEY_EVENTS, PointInTime.NOW, projectId,
                    fold.foldedTo()), (event, held) -> changeOf(event, source, held));
            last = fold.lastIndexAt(at);
            first = fold.firstIndexAfter(page.after());
        }
        if (last < 0) {
            return Optional.empty();
        }
        int stop = Math.min(last, first + page.limit() - 1);
        List<TrailStep> steps = new ArrayList<>();
        if (first <= stop) {
            Map<Long, TrackedEventMessage<?>> full = new HashMap<>();
            events.read("aggregateIdentifier = ? AND sequenceNumber >= ? AND sequenceNumber <= ?", PointInTime.NOW, projectId,
                    fold.sequence(first), fold.sequence(stop)).forEach(m -> full.put(EventReader.positionOf(m), m));
            for (int i = first; i <= stop; i++) {
                TrackedEventMessage<?> message = full.get(fold.position(i));
                if (message != null) { // gone only if someone deleted it behind the ledger's back: verification names it
                    steps.add(step(message, fold.change(i), fold.before(i), fold.after(i)));
                }
            }
        }
        BigDecimal finalValue = fold.after(last);
        BigDecimal current = at.isNow() ? totals.project(projectId)
                .map(p -> source == null ? p.total() : p.allocations().get(source)).orElse(null) : null;
        boolean consistent = fold.chainedUpTo(last) && (!at.isNow() || (current != null && finalValue.compareTo(current) == 0));
        String figure = "project/" + projectId + (source == null ? "/total" : "/allocation/" + source);
        return Optional.of(new Trail(figure, Amounts.canonical(finalValue), steps, consistent, stop < last ? fold.position(stop) : null));
    }

    public Optional<Trail> ofUnit(String unitId, PointInTime at, TrailPage page) {
        return totals.unit(unitId).map(unit -> build("unit/" + unitId + "/total",
                events.read("aggregateIdentifier IN (SELECT project_id FROM project_summary WHERE unit_id = ?) AND " + MONEY_EVENTS,
                        at, unitId), null, unit.computedTotal(), at, page));
    }

    public Optional<Trail> ofDepartment(String departmentId, PointInTime at, TrailPage page) {
        return totals.department(departmentId).map(department -> build("department/" + departmentId + "/total",
                events.read("aggregateIdentifier IN (SELECT project_id FROM project_summary WHERE department_id = ?) AND " + MONEY_EVENTS,
                        at, departmentId), null, department.computedTotal(), at, page));
    }

    public Optional<IndicatorTrail> ofIndicator(String projectId, int no, PointInTime at) {
        List<IndicatorTrail.Step> steps = new ArrayList<>();
        Indicator current = null;
        for (TrackedEventMessage<?> message : events.read("aggregateIdentifier = ? AND " + INDICATOR_EVENTS, at, projectId)) {
            Indicator before = current;
            if (message.getPayload() instanceof IndicatorAdded added && added.no() == no) {
                current = new Indicator(added.no(), added.level1(), added.level2(), added.name(), added.periodTarget(), added.annualTarget());
            } else if (message.getPayload() instanceof IndicatorRevised revised && revised.after().no() == no) {
                current = revised.after();
            } else if (message.getPayload() instanceof IndicatorRemoved removed && removed.removed().no() == no) {
                current = null;
            } else {
                continue;
            }
                steps.add(new IndicatorTrail.Step(EventReader.positionOf(message), message.getIdentifier(),
                    message.getPayloadType().getSimpleName(), message.getTimestamp(), EventReader.metadata(message, "effectiveDate"), EventReader.metadata(message, "actor"),
                    EventReader.metadata(message, "reason"), EventReader.metadata(message, "document"), EventReader.metadata(message, "sourceLines"), EventReader.metadata(message, "requestId"), before, current));
        }
        return steps.isEmpty() ? Optional.empty()
                : Optional.of(new IndicatorTrail("project/" + projectId + "/indicator/" + no, current, steps));
    }

    /** Folds the whole history (every step matters to the running figure) and returns one page of it. */
    private Trail build(String figure, List<TrackedEventMessage<?>> history, FundingSource only, BigDecimal current,
            PointInTime at, TrailPage page) {
        List<TrailStep> steps = new ArrayList<>();
        Map<String, BigDecimal> held = new HashMap<>();
        BigDecimal running = BigDecimal.ZERO;
        boolean chained = true;
        Long nextAfter = null;
        for (TrackedEventMessage<?> message : history) {
            Change change = changeOf(message.getPayload(), only, held);
            if (change == null) {
                continue;
            }
            chained &= change.chained();
            BigDecimal before = running;
            running = running.add(change.delta());
            long position = EventReader.positionOf(message);
            if (position > page.after()) {
                if (steps.size() < page.limit()) {
                    steps.add(step(message, change, before, running));
                } else if (nextAfter == null) {
                    nextAfter = steps.get(steps.size() - 1).position();
                }
            }
        }
        boolean consistent = chained && (!at.isNow() || (current != null && running.compareTo(current) == 0));
        return new Trail(figure, Amounts.canonical(running), steps, consistent, nextAfter);
    }

    /** What one event did to the figure, and whether it started where the history said it should. */
    record Change(String projectId, FundingSource source, BigDecimal delta, boolean chained) {
    }

    private static Change changeOf(Object event, FundingSource only, Map<String, BigDecimal> held) {
        Function<FundingSource, Boolean> counts = source -> only == null || only == source;
        if (event instanceof ProjectCreated created) {
            BigDecimal delta = BigDecimal.ZERO;
            for (Map.Entry<FundingSource, BigDecimal> amount : created.allocations().entrySet()) {
                held.put(created.projectId() + "/" + amount.getKey(), amount.getValue());
                delta = counts.apply(amount.getKey()) ? delta.add(amount.getValue()) : delta;
            }
            return new Change(created.projectId(), only, delta, true);
        }
        if (event instanceof AllocationRevised revised) {
            return moved(revised.projectId(), revised.fundingSource(), revised.before(), revised.after(), only, held);
        }
        if (event instanceof AllocationTransferred transferred) {
            return moved(transferred.projectId(), transferred.fundingSource(), transferred.before(), transferred.after(), only, held);
        }
        if (event instanceof ProjectWithdrawn withdrawn) {
            boolean chained = true;
            BigDecimal delta = BigDecimal.ZERO;
            for (Map.Entry<FundingSource, BigDecimal> amount : withdrawn.allocations().entrySet()) {
                BigDecimal known = held.put(withdrawn.projectId() + "/" + amount.getKey(), BigDecimal.ZERO);
                chained &= known != null && known.compareTo(amount.getValue()) == 0;
                delta = counts.apply(amount.getKey()) ? delta.subtract(amount.getValue()) : delta;
            }
            return new Change(withdrawn.projectId(), only, delta, chained);
        }
        return null;
    }

    private static Change moved(String projectId, FundingSource source, BigDecimal before, BigDecimal after, FundingSource only,
            Map<String, BigDecimal> held) {
        BigDecimal known = held.put(projectId + "/" + source, after);
        boolean chained = known != null && known.compareTo(before) == 0;
        if (only != null && only != source) {
            return null;
        }
        return new Change(projectId, source, after.subtract(before), chained);
    }

    private static TrailStep step(TrackedEventMessage<?> message, Change change, BigDecimal before, BigDecimal after) {
        return new TrailStep(EventReader.positionOf(message), message.getIdentifier(), message.getPayloadType().getSimpleName(),
                message.getTimestamp(), change.projectId(), change.source(), Amounts.canonical(before),
                Amounts.canonical(change.delta()), Amounts.canonical(after), EventReader.metadata(message, "actor"), EventReader.metadata(message, "reason"),
                EventReader.metadata(message, "correlationId"), EventReader.metadata(message, "requestId"), EventReader.metadata(message, "document"), EventReader.metadata(message, "sourceLines"),
                EventReader.metadata(message, "documentNumber"), EventReader.metadata(message, "effectiveDate"),
                message.getPayload() instanceof AllocationTransferred t ? t.transferId() : null);
    }

}
