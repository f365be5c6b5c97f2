package org.publicbudget.ledger.query.readmodel;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The rows of one copy of a read model in the database, for one batch of events.
 * State rows are read once per batch ({@link #prefetch}, a few statements for hundreds
 * of events) and written back once when the batch ends ({@link #flush}): multi-row
 * inserts, batched updates. History rows are collected and inserted together.
 * Everything runs in the caller's transaction.
 */
public final class DatabaseRows implements Rows {

    /** Rows per INSERT and values per IN list: well inside both databases' limits on parameters. */
    private static final int CHUNK = 500;

    private static final class Entry {
        Row row;
        boolean stored;
        boolean deleted;
        boolean dirty;

        Entry(Row row, boolean stored) {
            this.row = row;
            this.stored = stored;
        }
    }

    /** From this many rows on, COPY is used where the database offers it. */
    private static final int COPY_FROM = 50;

    private final JdbcTemplate jdbc;
    private final String copy;
    private final boolean copyIn;
    /** Whether every row of the copy's state tables is in {@link #cache}: the copy was empty and nothing was forgotten since. */
    private boolean holdsEveryRow;
    private final Map<Table, TreeMap<List<Object>, Entry>> cache = new HashMap<>();
    private final Map<Table, Set<Object>> loaded = new HashMap<>();
    private final Map<Table, List<Row>> appended = new LinkedHashMap<>();

    /** {@code copyIn}: whether the database takes rows with PostgreSQL's COPY ({@link #copyInAvailable}). */
    public DatabaseRows(JdbcTemplate jdbc, String copy, boolean copyIn) {
        this.jdbc = jdbc;
        this.copy = copy;
        this.copyIn = copyIn;
    }

    /**
     * For a copy that is empty now and written by nobody else (a replay): nothing need
     * be read back until {@link #flushAndForget}, and state rows may be held across
     * batches ({@link #flushHistory}), to be written once.
     */
    public static DatabaseRows ofEmptyCopy(JdbcTemplate jdbc, String copy, boolean copyIn) {
        DatabaseRows rows = new DatabaseRows(jdbc, copy, copyIn);
        rows.holdsEveryRow = true;
        return rows;
    }

    public static boolean copyInAvailable(JdbcTemplate jdbc) {
        return CopyIn.available(jdbc);
    }

    /** Reads the rows of a state table whose first key column is one of these values. */
    public void prefetch(Table table, Collection<?> firstKeys) {
        Set<Object> done = loaded.computeIfAbsent(table, t -> new HashSet<>());
        List<Object> missing = firstKeys.stream().filter(k -> k != null && !done.contains(k)).distinct().map(k -> (Object) k).toList();
        TreeMap<List<Object>, Entry> rows = cache.computeIfAbsent(table, t -> new TreeMap<>(Keys.ORDER));
        if (holdsEveryRow) {
            done.addAll(missing);
            return;
        }
        for (List<Object> chunk : chunks(missing)) {
            jdbc.query("SELECT " + table.columnList() + " FROM " + table.in(copy) + " WHERE " + table.columns().get(0).name()
                    + " IN (" + marks(chunk.size()) + ")", rs -> {
                        Row row = RowMapping.read(table, rs);
                        rows.put(row.key(), new Entry(row, true));
                    }, chunk.toArray());
            done.addAll(chunk);
        }
    }

    @Override
    public Optional<Row> find(Table table, Object... key) {
        prefetch(table, List.of(key[0]));
        Entry entry = cache.get(table).get(List.of(key));
        return entry == null || entry.deleted ? Optional.empty() : Optional.of(entry.row);
    }

    @Override
    public List<Row> findAll(Table table, Object firstKey) {
        prefetch(table, List.of(firstKey));
        List<Row> rows = new ArrayList<>();
        cache.get(table).subMap(List.of(firstKey), true, Keys.after(firstKey), false).values().forEach(entry -> {
            if (!entry.deleted) {
                rows.add(entry.row);
            }
        });
        return rows;
    }

    @Override
    public void save(Row row) {
        TreeMap<List<Object>, Entry> rows = cache.computeIfAbsent(row.table(), t -> new TreeMap<>(Keys.ORDER));
        Entry entry = rows.get(row.key());
        if (entry == null) {
            entry = new Entry(row, false);
            rows.put(row.key(), entry);
        }
        entry.row = row;
        entry.deleted = false;
        entry.dirty = true;
    }

    @Override
    public void delete(Row row) {
        Entry entry = cache.computeIfAbsent(row.table(), t -> new TreeMap<>(Keys.ORDER)).get(row.key());
        if (entry != null) {
            entry.deleted = true;
            entry.dirty = true;
        }
    }

    @Override
    public void append(Row row) {
        appended.computeIfAbsent(row.table(), t -> new ArrayList<>()).add(row);
    }

    @Override
    public Optional<Row> latestBefore(Table history, List<Object> figure, long position) {
        flushAppended(history);
        String where = figureCondition(history, figure.size());
        List<Object> args = new ArrayList<>(figure);
        args.add(position);
        String positionColumn = history.columns().get(history.keyColumns() - 1).name();
        return jdbc.query("SELECT " + history.columnList() + " FROM " + history.in(copy) + " WHERE " + where + " AND " + positionColumn
                        + " < ? ORDER BY " + positionColumn + " DESC LIMIT 1", (rs, i) -> RowMapping.read(history, rs), args.toArray())
                .stream().findFirst();
    }

    @Override
    public void shiftAfter(Table history, List<Object> figure, long position, Map<String, ?> deltas) {
        flushAppended(history);
        List<Object> args = new ArrayList<>();
        List<String> sets = new ArrayList<>();
        deltas.forEach((column, delta) -> {
            history.column(column);
            sets.add(column + " = COALESCE(" + column + ", 0) + ?");
            args.add(delta);
        });
        args.addAll(figure);
        args.add(position);
        String positionColumn = history.columns().get(history.keyColumns() - 1).name();
        jdbc.update("UPDATE " + history.in(copy) + " SET " + String.join(", ", sets) + " WHERE " + figureCondition(history, figure.size())
                + " AND " + positionColumn + " > ?", args.toArray());
    }

    @Override
    public Set<Object> existing(Table table, Collection<?> firstKeys) {
        Set<Object> found = new HashSet<>();
        String first = table.columns().get(0).name();
        for (List<Object> chunk : chunks(new ArrayList<Object>(firstKeys))) {
            jdbc.query("SELECT DISTINCT " + first + " FROM " + table.in(copy) + " WHERE " + first + " IN (" + marks(chunk.size()) + ")",
                    rs -> {
                        found.add(table.columns().get(0).read(rs, 1));
                    }, chunk.toArray());
        }
        return found;
    }

    /** Writes every change of the batch: state rows inserted, updated or deleted; history rows inserted. */
    public void flush() {
        cache.forEach((table, rows) -> {
            List<Row> inserts = new ArrayList<>();
            List<Row> updates = new ArrayList<>();
            List<Row> deletes = new ArrayList<>();
            for (Entry entry : rows.values()) {
                if (!entry.dirty) {
                    continue;
                }
                if (entry.deleted) {
                    if (entry.stored) {
                        deletes.add(entry.row);
                    }
                } else {
                    (entry.stored ? updates : inserts).add(entry.row);
                }
                entry.stored = !entry.deleted;
                entry.dirty = false;
            }
            update(table, updates);
            delete(table, deletes);
            insert(table, inserts);
        });
        flushHistory();
    }

    /** Writes the history rows collected so far; state rows stay held until {@link #flush}. */
    public void flushHistory() {
        new ArrayList<>(appended.keySet()).forEach(this::flushAppended);
    }

    /** How many state rows are held in memory. */
    public int stateRowsHeld() {
        return cache.values().stream().mapToInt(Map::size).sum();
    }

    /** Writes every change, then lets go of every state row held: they are read again when next needed. */
    public void flushAndForget() {
        flush();
        cache.clear();
        loaded.clear();
        holdsEveryRow = false;
    }

    private void flushAppended(Table table) {
        List<Row> rows = appended.remove(table);
        if (rows != null) {
            insert(table, rows);
        }
    }

    private void insert(Table table, List<Row> rows) {
        if (copyIn && rows.size() >= COPY_FROM) {
            CopyIn.rows(jdbc, table.in(copy), table, rows);
            return;
        }
        for (List<Row> chunk : chunks(rows)) {
            List<Object> args = new ArrayList<>(chunk.size() * table.columns().size());
            int[] types = new int[chunk.size() * table.columns().size()];
            int i = 0;
            for (Row row : chunk) {
                for (int c = 0; c < table.columns().size(); c++) {
                    Column column = table.columns().get(c);
                    args.add(column.toJdbc(row.value(c)));
                    types[i++] = column.type().jdbcType();
                }
            }
            String oneRow = "(" + marks(table.columns().size()) + ")";
            jdbc.update("INSERT INTO " + table.in(copy) + " (" + table.columnList() + ") VALUES "
                    + String.join(", ", Collections.nCopies(chunk.size(), oneRow)), args.toArray(), types);
        }
    }

    private void update(Table table, List<Row> rows) {
        if (rows.isEmpty()) {
            return;
        }
        List<Column> columns = table.columns();
        List<String> sets = columns.subList(table.keyColumns(), columns.size()).stream().map(c -> c.name() + " = ?").toList();
        int[] types = new int[columns.size()];
        List<Object[]> batch = new ArrayList<>();
        for (Row row : rows) {
            Object[] args = new Object[columns.size()];
            int i = 0;
            for (int c = table.keyColumns(); c < columns.size(); c++) {
                types[i] = columns.get(c).type().jdbcType();
                args[i++] = columns.get(c).toJdbc(row.value(c));
            }
            for (int c = 0; c < table.keyColumns(); c++) {
                types[i] = columns.get(c).type().jdbcType();
                args[i++] = row.value(c);
            }
            batch.add(args);
        }
        jdbc.batchUpdate("UPDATE " + table.in(copy) + " SET " + String.join(", ", sets) + " WHERE " + keyCondition(table), batch, types);
    }

    private void delete(Table table, List<Row> rows) {
        if (rows.isEmpty()) {
            return;
        }
        int[] types = table.columns().subList(0, table.keyColumns()).stream().mapToInt(c -> c.type().jdbcType()).toArray();
        jdbc.batchUpdate("DELETE FROM " + table.in(copy) + " WHERE " + keyCondition(table),
                rows.stream().map(row -> row.key().toArray()).toList(), types);
    }

    private static String keyCondition(Table table) {
        return figureCondition(table, table.keyColumns());
    }

    private static String figureCondition(Table table, int columns) {
        return String.join(" AND ", table.columns().subList(0, columns).stream().map(c -> c.name() + " = ?").toList());
    }

    static String marks(int count) {
        return String.join(", ", Collections.nCopies(count, "?"));
    }

    static <T> List<List<T>> chunks(List<T> all) {
        List<List<T>> chunks = new ArrayList<>();
        for (int i = 0; i < all.size(); i += CHUNK) {
            chunks.add(all.subList(i, Math.min(all.size(), i + CHUNK)));
        }
        return chunks;
    }
}
