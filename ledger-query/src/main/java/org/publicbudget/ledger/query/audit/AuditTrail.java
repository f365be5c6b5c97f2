package org.publicbudget.ledger.query.audit;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.axonframework.eventhandling.EventUtils;
import org.axonframework.eventhandling.GenericDomainEventEntry;
import org.axonframework.eventhandling.GlobalSequenceTrackingToken;
import org.axonframework.eventhandling.TrackedDomainEventData;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.messaging.MetaData;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.upcasting.event.EventUpcaster;
import org.publicbudget.ledger.domain.money.Allocations;
import org.publicbudget.ledger.domain.money.Amounts;
import org.publicbudget.ledger.domain.money.FundingSource;
import org.publicbudget.ledger.domain.project.AllocationRevised;
import org.publicbudget.ledger.domain.project.AllocationTransferred;
import org.publicbudget.ledger.domain.project.ProjectCreated;
import org.publicbudget.ledger.domain.project.ProjectWithdrawn;
import org.publicbudget.ledger.query.totals.ProjectDetail;
import org.publicbudget.ledger.query.totals.TotalsQueries;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Explains a project, unit or department total from the events themselves, read
 * straight from the event store in its order (through the upcaster chain, like any
 * other reader), so that what an auditor sees is exactly what happened.
 */
public class AuditTrail {

    private static final List<String> MONEY_EVENTS = List.of(ProjectCreated.class.getName(), AllocationRevised.class.getName(),
            AllocationTransferred.class.getName(), ProjectWithdrawn.class.getName());

    private final JdbcTemplate jdbc;
    private final Serializer serializer;
    private final EventUpcaster upcasters;
    private final TotalsQueries totals;

    public AuditTrail(JdbcTemplate jdbc, Serializer serializer, EventUpcaster upcasters, TotalsQueries totals) {
        this.jdbc = jdbc;
        this.serializer = serializer;
        this.upcasters = upcasters;
        this.totals = totals;
    }

    /** Straight from the event store, so a project's trail is there the moment its first event is committed. */
    public Optional<Trail> ofProject(String projectId) {
        List<TrackedEventMessage<?>> events = events("aggregateIdentifier = ?", projectId);
        if (events.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(build("project/" + projectId + "/total", events,
                totals.project(projectId).map(ProjectDetail::total).orElse(null)));
    }

    public Optional<Trail> ofUnit(String unitId) {
        return totals.unit(unitId).map(unit -> build("unit/" + unitId + "/total",
                events("aggregateIdentifier IN (SELECT project_id FROM project_summary WHERE unit_id = ?)", unitId),
                unit.computedTotal()));
    }

    public Optional<Trail> ofDepartment(String departmentId) {
        return totals.department(departmentId).map(department -> build("department/" + departmentId + "/total",
                events("aggregateIdentifier IN (SELECT project_id FROM project_summary WHERE department_id = ?)", departmentId),
                department.computedTotal()));
    }

    private Trail build(String figure, List<TrackedEventMessage<?>> events, BigDecimal currentTotal) {
        List<TrailStep> steps = new ArrayList<>();
        Map<String, BigDecimal> bySourceOfProject = new HashMap<>();
        BigDecimal running = BigDecimal.ZERO;
        boolean chained = true;
        for (TrackedEventMessage<?> message : events) {
            FundingSource source;
            BigDecimal delta;
            String projectId;
            if (message.getPayload() instanceof ProjectCreated created) {
                projectId = created.projectId();
                source = null;
                delta = Allocations.total(created.allocations());
                created.allocations().forEach((s, amount) -> bySourceOfProject.put(projectId + "/" + s, amount));
            } else if (message.getPayload() instanceof AllocationRevised revised) {
                projectId = revised.projectId();
                source = revised.fundingSource();
                delta = revised.delta();
                BigDecimal known = bySourceOfProject.put(projectId + "/" + source, revised.after());
                chained &= known != null && known.compareTo(revised.before()) == 0;
            } else if (message.getPayload() instanceof AllocationTransferred transferred) {
                projectId = transferred.projectId();
                source = transferred.fundingSource();
                delta = transferred.delta();
                BigDecimal known = bySourceOfProject.put(projectId + "/" + source, transferred.after());
                chained &= known != null && known.compareTo(transferred.before()) == 0;
            } else if (message.getPayload() instanceof ProjectWithdrawn withdrawn) {
                projectId = withdrawn.projectId();
                source = null;
                delta = Allocations.total(withdrawn.allocations()).negate();
                for (Map.Entry<FundingSource, BigDecimal> held : withdrawn.allocations().entrySet()) {
                    BigDecimal known = bySourceOfProject.put(projectId + "/" + held.getKey(), BigDecimal.ZERO);
                    chained &= known != null && known.compareTo(held.getValue()) == 0;
                }
            } else {
                continue;
            }
            BigDecimal before = running;
            running = running.add(delta);
            steps.add(step(message, projectId, source, before, delta, running));
        }
        boolean consistent = chained && currentTotal != null && running.compareTo(currentTotal) == 0;
        return new Trail(figure, Amounts.canonical(running), steps, consistent);
    }

    private static TrailStep step(TrackedEventMessage<?> message, String projectId, FundingSource source,
            BigDecimal before, BigDecimal delta, BigDecimal after) {
        MetaData meta = message.getMetaData();
        long position = ((GlobalSequenceTrackingToken) message.trackingToken()).getGlobalIndex();
        return new TrailStep(position, message.getIdentifier(), message.getPayloadType().getSimpleName(),
                message.getTimestamp(), projectId, source, Amounts.canonical(before), Amounts.canonical(delta),
                Amounts.canonical(after), text(meta, "actor"), text(meta, "reason"), text(meta, "correlationId"),
                text(meta, "requestId"), text(meta, "document"), text(meta, "sourceLines"), text(meta, "documentNumber"),
                text(meta, "effectiveDate"), message.getPayload() instanceof AllocationTransferred t ? t.transferId() : null);
    }

    private static String text(MetaData meta, String key) {
        Object value = meta.get(key);
        return value == null ? null : value.toString();
    }

    private List<TrackedEventMessage<?>> events(String condition, Object key) {
        List<TrackedDomainEventData<byte[]>> rows = jdbc.query(
                "SELECT globalIndex, type, aggregateIdentifier, sequenceNumber, eventIdentifier, timeStamp, payloadType, "
                        + "payloadRevision, payload, metaData FROM domainevententry WHERE " + condition
                        + " AND payloadType IN (?, ?, ?, ?) ORDER BY globalIndex",
                (rs, i) -> new TrackedDomainEventData<>(new GlobalSequenceTrackingToken(rs.getLong(1)),
                        new GenericDomainEventEntry<>(rs.getString(2), rs.getString(3), rs.getLong(4), rs.getString(5),
                                rs.getString(6), rs.getString(7), rs.getString(8), rs.getBytes(9), rs.getBytes(10))),
                key, MONEY_EVENTS.get(0), MONEY_EVENTS.get(1), MONEY_EVENTS.get(2), MONEY_EVENTS.get(3));
        try (Stream<TrackedEventMessage<?>> messages = EventUtils.upcastAndDeserializeTrackedEvents(rows.stream(), serializer, upcasters)) {
            return messages.toList();
        }
    }
}
