package org.publicbudget.ledger.query.readmodel;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * A read model held in memory: for proving a stored copy against a recomputation,
 * and for reading one project fresh from its own events.
 */
public final class MemoryRows implements Rows {

    private final Map<Table, TreeMap<List<Object>, Row>> tables = new HashMap<>();

    private TreeMap<List<Object>, Row> of(Table table) {
        return tables.computeIfAbsent(table, t -> new TreeMap<>(Keys.ORDER));
    }

    @Override
    public Optional<Row> find(Table table, Object... key) {
        return Optional.ofNullable(of(table).get(List.of(key)));
    }

    @Override
    public List<Row> findAll(Table table, Object firstKey) {
        return new ArrayList<>(of(table).subMap(List.of(firstKey), true, Keys.after(firstKey), false).values());
    }

    @Override
    public void save(Row row) {
        of(row.table()).put(row.key(), row);
    }

    @Override
    public void delete(Row row) {
        of(row.table()).remove(row.key());
    }

    @Override
    public void append(Row row) {
        if (of(row.table()).putIfAbsent(row.key(), row) != null) {
            throw new IllegalStateException("two rows with the key " + row.key() + " in " + row.table());
        }
    }

    @Override
    public Optional<Row> latestBefore(Table history, List<Object> figure, long position) {
        Map.Entry<List<Object>, Row> before = of(history).lowerEntry(Keys.with(figure, position));
        return before != null && Keys.startsWith(before.getKey(), figure) ? Optional.of(before.getValue()) : Optional.empty();
    }

    @Override
    public void shiftAfter(Table history, List<Object> figure, long position, Map<String, ?> deltas) {
        for (Row later : of(history).subMap(Keys.with(figure, position), false, Keys.with(figure, Long.MAX_VALUE), true).values()) {
            deltas.forEach((column, delta) -> {
                if (delta instanceof BigDecimal amount) {
                    later.add(column, amount);
                } else {
                    later.add(column, ((Number) delta).longValue());
                }
            });
        }
    }

    @Override
    public Set<Object> existing(Table table, Collection<?> firstKeys) {
        Set<Object> found = new HashSet<>();
        for (Object key : firstKeys) {
            if (!of(table).subMap(List.of(key), true, Keys.after(key), false).isEmpty()) {
                found.add(key);
            }
        }
        return found;
    }

    /** Removes every row of a table and gives them, in key order: a proof lets history go once compared. */
    public Stream<Row> take(Table table) {
        TreeMap<List<Object>, Row> rows = tables.remove(table);
        return rows == null ? Stream.empty() : rows.values().stream();
    }

    /** Every row of a table, in key order. */
    public Stream<Row> rows(Table table) {
        return of(table).values().stream();
    }
}
