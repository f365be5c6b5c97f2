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
import org.springframework.transaction.support.TransactionOperations;

/**
 * Proves a copy of the totals read model against the events, department by
 * department: the department's events are read from the store and applied in memory
 * with the read model's own definition, and every row the copy holds for the
 * department — current rows, their history, the journal — must be exactly what that
 * gives. Memory holds a department's current rows and a window of its events, whatever
 * the size of the store or of the department. This checks the database writer
 * (batching, late events, SQL) against a plain recomputation.
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

    /** Events applied in memory between two comparisons of history rows: a few tens of megabytes of rows. */
    public static final int EVENTS_PER_WINDOW = 10_000;

    private final JdbcTemplate jdbc;
    private final EventReader events;
    private final TotalsReadModel model;
    private final int eventsPerWindow;
    private final TransactionOperations transactions;

    public TotalsProof(JdbcTemplate jdbc, TransactionOperations transactions, EventReader events, TotalsReadModel model,
            int eventsPerWindow) {
        this.transactions = transactions;
        this.model = model;
        this.jdbc = jdbc;
        this.events = events;
        this.eventsPerWindow = eventsPerWindow;
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
                // a transaction of its own: its events come a page at a time
                Result one = transactions.execute(status -> proveDepartment(copy, departmentId, upTo, included));
                differences.addPart(one.differences());
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
     * One department, in the caller's transaction (which lets its events be read a page
     * at a time). Its current rows — department, units, projects, indicators — are read
     * first (one snapshot where the transaction is repeatable-read). Its budget's and its
     * projects' events are then read in store order and applied in memory, and their
     * history rows compared a window at a time ({@link Windows}). Memory holds the
     * department's current rows and one window, however many events the department has:
     * a history row, once written, never changes while events are applied in store order.
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
        Map<Table, List<Row>> current = new LinkedHashMap<>();
        current.put(DEPARTMENT, stored(copy, DEPARTMENT, "department_id", List.of(departmentId)));
        current.put(UNIT, stored(copy, UNIT, "department_id", List.of(departmentId)));
        current.put(PROJECT, stored(copy, PROJECT, "department_id", List.of(departmentId)));
        current.put(INDICATOR, stored(copy, INDICATOR, "project_id", projects));
        List<Owned> histories = List.of(new Owned(FIGURE_HISTORY, "figure_id", figures), new Owned(DECLARED_HISTORY, "figure_id", declaring),
                new Owned(GOAL_HISTORY, "project_id", projects), new Owned(INDICATOR_HISTORY, "project_id", projects),
                new Owned(JOURNAL, "department_id", List.of(departmentId)));
        long bound = upTo >= 0 ? upTo : newestJournalled(copy, departmentId);

        List<String> streams = new ArrayList<>(projects);
        streams.add(departmentId);
        Windows windows = new Windows(copy, histories);
        List<Unreadable> unreadable = new ArrayList<>();
        long[] applied = {0};
        events.forEachOfStreams(streams, bound, message -> {
            long position = message.trackingToken().position().orElse(-1);
            windows.next(position);
            if (included.test(position)) {
                applied[0] += apply(message, position, windows.expected, unreadable);
            }
        });
        // the last window also takes every stored row after the newest event: none should be there
        windows.compareThrough(Long.MAX_VALUE);
        Differences differences = new Differences();
        current.forEach((table, rows) -> RowComparison.compare(table, windows.expected.rows(table), rows, differences));
        differences.addAll(windows.differences);
        return new Result(applied[0], 1, differences, unreadable);
    }

    /**
     * The recomputation of one department, and its history rows compared a window of
     * events at a time: after every {@link #eventsPerWindow} events read, the history and
     * journal rows they gave are compared with the stored rows of the same positions, and
     * let go (once a further event comes: the last window is compared with every stored
     * row after it).
     */
    private final class Windows {
        final MemoryRows expected = new MemoryRows();
        final Differences differences = new Differences();
        private final String copy;
        private final List<Owned> histories;
        private long compared = -1;
        private long last = -1;
        private int read;

        Windows(String copy, List<Owned> histories) {
            this.copy = copy;
            this.histories = histories;
        }

        /** Before the event at {@code position} is applied: a full window is compared first, through the last event applied. */
        void next(long position) {
            if (read == eventsPerWindow) {
                compareThrough(last);
                read = 0;
            }
            read++;
            last = position;
        }

        void compareThrough(long position) {
            for (Owned history : histories) {
                RowComparison.compare(history.table(), expected.take(history.table()), storedBetween(copy, history, compared, position),
                        differences);
            }
            compared = position;
        }
    }

    /** A history table's rows of one department: those whose {@code column} is one of {@code ids}. */
    private record Owned(Table table, String column, List<String> ids) {
    }

    private int apply(TrackedEventMessage<?> message, long position, MemoryRows expected, List<Unreadable> unreadable) {
        try {
            Projector.apply(model, List.of(ProjectedEvent.of(message)), expected);
            return 1;
        } catch (RuntimeException e) {
            DomainEventMessage<?> domain = (DomainEventMessage<?>) message;
            String reason = e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
            unreadable.add(new Unreadable(position, domain.getAggregateIdentifier(), domain.getSequenceNumber(),
                    reason.length() > 300 ? reason.substring(0, 300) + "…" : reason));
            return 0;
        }
    }

    private long newestJournalled(String copy, String departmentId) {
        Long newest = jdbc.queryForObject("SELECT MAX(" + TotalsTables.POSITION + ") FROM " + JOURNAL.in(copy) + " WHERE department_id = ?",
                Long.class, departmentId);
        return newest == null ? -1 : newest;
    }

    private List<Row> storedBetween(String copy, Owned history, long after, long through) {
        return stored(copy, history.table(), history.column(), history.ids(),
                " AND " + TotalsTables.POSITION + " > ? AND " + TotalsTables.POSITION + " <= ?", after, through);
    }

    private List<Row> stored(String copy, Table table, String column, List<String> values) {
        return stored(copy, table, column, values, "");
    }

    private List<Row> stored(String copy, Table table, String column, List<String> values, String andWhere, Object... andArgs) {
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < values.size(); i += IDS_PER_QUERY) {
            List<Object> args = new ArrayList<>(values.subList(i, Math.min(values.size(), i + IDS_PER_QUERY)));
            int ids = args.size();
            args.addAll(List.of(andArgs));
            rows.addAll(jdbc.query("SELECT " + table.columnList() + " FROM " + table.in(copy) + " WHERE " + column + " IN ("
                    + String.join(", ", Collections.nCopies(ids, "?")) + ")" + andWhere, (rs, n) -> RowMapping.read(table, rs), args.toArray()));
        }
        return rows;
    }
}
