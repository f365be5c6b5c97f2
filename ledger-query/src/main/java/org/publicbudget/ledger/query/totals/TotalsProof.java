package org.publicbudget.ledger.query.totals;

import static org.publicbudget.ledger.query.totals.TotalsTables.DECLARED_HISTORY;
import static org.publicbudget.ledger.query.totals.TotalsTables.DEPARTMENT;
import static org.publicbudget.ledger.query.totals.TotalsTables.FIGURE_HISTORY;
import static org.publicbudget.ledger.query.totals.TotalsTables.GOAL_HISTORY;
import static org.publicbudget.ledger.query.totals.TotalsTables.INDICATOR;
import static org.publicbudget.ledger.query.totals.TotalsTables.INDICATOR_HISTORY;
import static org.publicbudget.ledger.query.totals.TotalsTables.JOURNAL;
import static org.publicbudget.ledger.query.totals.TotalsTables.PROJECT;
import static org.publicbudget.ledger.query.totals.TotalsTables.UNIT;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongConsumer;
import java.util.function.LongPredicate;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.publicbudget.ledger.query.history.EventReader;
import org.publicbudget.ledger.query.readmodel.MemoryRows;
import org.publicbudget.ledger.query.readmodel.ProjectedEvent;
import org.publicbudget.ledger.query.readmodel.Row;
import org.publicbudget.ledger.query.readmodel.RowMapping;
import org.publicbudget.ledger.query.readmodel.Table;
import org.publicbudget.ledger.query.readmodel.comparison.Differences;
import org.publicbudget.ledger.query.readmodel.comparison.RowComparison;
import org.publicbudget.ledger.query.readmodel.projection.Projector;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Proves a copy of the totals read model against the events, one department at a
 * time: the department's events are read from the store and applied in memory with
 * the read model's own definition, and every row the copy holds for the department —
 * current rows, their history, the journal — must be exactly what that gives. Memory
 * holds one department, whatever the size of the store. This checks the database
 * writer (batching, late events, SQL) against a plain recomputation.
 */
public class TotalsProof {

    /** Events proven, departments proven, the rows that differ, and the events that could not be read or applied. */
    public record Result(long events, long departments, Differences differences, List<Unreadable> unreadable) {
    }

    /**
     * An event whose stored bytes no longer read as its type (or read with a field
     * missing): named where it stands, left out of the recomputation, and the proof goes on.
     */
    public record Unreadable(long position, String aggregateId, long sequence, String reason) {
    }

    private static final int IDS_PER_QUERY = 500;

    private final JdbcTemplate jdbc;
    private final EventReader events;
    private final TotalsReadModel model;

    public TotalsProof(JdbcTemplate jdbc, EventReader events, TotalsReadModel model) {
        this.model = model;
        this.jdbc = jdbc;
        this.events = events;
    }

    /**
     * Every department of {@code copy}, from the events up to {@code upTo} that
     * {@code included} accepts; {@code upTo} -1 means, for each department, the newest
     * event its journal holds (for a copy the projection is still writing).
     */
    public Result prove(String copy, long upTo, LongPredicate included, LongConsumer eventsDone) {
        Differences differences = new Differences();
        List<Unreadable> unreadable = new ArrayList<>();
        long proven = 0;
        long departments = 0;
        String after = "";
        while (true) {
            List<String> page = jdbc.queryForList("SELECT department_id FROM " + DEPARTMENT.in(copy) + " WHERE department_id > ? "
                    + "ORDER BY department_id LIMIT 100", String.class, after);
            for (String departmentId : page) {
                Result one = proveDepartment(copy, departmentId, upTo, included);
                differences.addAll(one.differences());
                unreadable.addAll(one.unreadable());
                proven += one.events();
                departments++;
                eventsDone.accept(proven);
            }
            if (page.size() < 100) {
                return new Result(proven, departments, differences, unreadable);
            }
            after = page.get(page.size() - 1);
        }
    }

    /**
     * One department: every row the copy holds for it is read first (in the caller's
     * transaction: one snapshot where the database offers it), then its budget's and its
     * projects' events are applied in memory and the two compared row by row.
     */
    public Result proveDepartment(String copy, String departmentId, long upTo, LongPredicate included) {
        List<String> units = jdbc.queryForList("SELECT unit_id FROM " + UNIT.in(copy) + " WHERE department_id = ?", String.class, departmentId);
        List<String> projects = jdbc.queryForList("SELECT project_id FROM " + PROJECT.in(copy) + " WHERE department_id = ?", String.class,
                departmentId);
        List<String> figures = new ArrayList<>(projects);
        figures.addAll(units);
        figures.add(departmentId);
        List<String> declaring = new ArrayList<>(units);
        declaring.add(departmentId);
        Map<Table, List<Row>> found = new LinkedHashMap<>();
        found.put(DEPARTMENT, stored(copy, DEPARTMENT, "department_id", List.of(departmentId)));
        found.put(UNIT, stored(copy, UNIT, "department_id", List.of(departmentId)));
        found.put(PROJECT, stored(copy, PROJECT, "department_id", List.of(departmentId)));
        found.put(INDICATOR, stored(copy, INDICATOR, "project_id", projects));
        found.put(FIGURE_HISTORY, stored(copy, FIGURE_HISTORY, "figure_id", figures));
        found.put(DECLARED_HISTORY, stored(copy, DECLARED_HISTORY, "figure_id", declaring));
        found.put(GOAL_HISTORY, stored(copy, GOAL_HISTORY, "project_id", projects));
        found.put(INDICATOR_HISTORY, stored(copy, INDICATOR_HISTORY, "project_id", projects));
        found.put(JOURNAL, stored(copy, JOURNAL, "department_id", List.of(departmentId)));
        long bound = upTo >= 0 ? upTo : found.get(JOURNAL).stream().mapToLong(row -> row.number(TotalsTables.POSITION)).max().orElse(-1);

        List<String> streams = new ArrayList<>(projects);
        streams.add(departmentId);
        MemoryRows expected = new MemoryRows();
        List<Unreadable> unreadable = new ArrayList<>();
        long applied = 0;
        for (TrackedEventMessage<?> message : events.ofStreams(streams, bound)) {
            long position = message.trackingToken().position().orElse(-1);
            if (!included.test(position)) {
                continue;
            }
            try {
                Projector.apply(model, List.of(ProjectedEvent.of(message)), expected);
                applied++;
            } catch (RuntimeException e) {
                DomainEventMessage<?> domain = (DomainEventMessage<?>) message;
                String reason = e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
                unreadable.add(new Unreadable(position, domain.getAggregateIdentifier(), domain.getSequenceNumber(),
                        reason.length() > 300 ? reason.substring(0, 300) + "…" : reason));
            }
        }
        Differences differences = new Differences();
        found.forEach((table, rows) -> RowComparison.compare(table, expected.rows(table), rows, differences));
        return new Result(applied, 1, differences, unreadable);
    }

    private List<Row> stored(String copy, Table table, String column, List<String> values) {
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < values.size(); i += IDS_PER_QUERY) {
            List<String> chunk = values.subList(i, Math.min(values.size(), i + IDS_PER_QUERY));
            rows.addAll(jdbc.query("SELECT " + table.columnList() + " FROM " + table.in(copy) + " WHERE " + column + " IN ("
                    + String.join(", ", Collections.nCopies(chunk.size(), "?")) + ")", (rs, n) -> RowMapping.read(table, rs), chunk.toArray()));
        }
        return rows;
    }
}
