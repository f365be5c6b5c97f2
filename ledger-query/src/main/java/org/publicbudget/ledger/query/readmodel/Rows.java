package org.publicbudget.ledger.query.readmodel;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Where a read model's definition reads and writes its rows while it applies events.
 * The same definition runs against the database (the live projection and rebuilds,
 * {@link DatabaseRows}) and in memory (proofs and fresh reads of one project,
 * {@link MemoryRows}), so there is one definition of each read model.
 */
public interface Rows {

    /** The row of a {@link Table.Kind#STATE} table with this key. */
    Optional<Row> find(Table table, Object... key);

    /** The rows of a state table whose key begins with {@code firstKey}, in key order. */
    List<Row> findAll(Table table, Object firstKey);

    /** Inserts or replaces a row of a state table. */
    void save(Row row);

    void delete(Row row);

    /** Adds a row to a {@link Table.Kind#HISTORY} table. */
    void append(Row row);

    /**
     * The newest history row of one figure (the key without its position) strictly
     * before {@code position}.
     */
    Optional<Row> latestBefore(Table history, List<Object> figure, long position);

    /**
     * Adds each delta (an amount or a number, by column) to every history row of one
     * figure after {@code position}: an event that committed late moves the running
     * values recorded after it.
     */
    void shiftAfter(Table history, List<Object> figure, long position, Map<String, ?> deltas);

    /** Which of these first-key values have rows in the table (e.g. which positions are applied already). */
    Set<Object> existing(Table table, Collection<?> firstKeys);
}
