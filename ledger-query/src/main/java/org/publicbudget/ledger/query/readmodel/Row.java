package org.publicbudget.ledger.query.readmodel;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/** One row of a read-model table; values are read and set by column name. */
public final class Row {

    private final Table table;
    private final Object[] values;

    Row(Table table, Object[] values) {
        this.table = table;
        this.values = values;
    }

    public Table table() {
        return table;
    }

    public Object get(String column) {
        return values[table.indexOf(column)];
    }

    public String text(String column) {
        return (String) get(column);
    }

    public BigDecimal amount(String column) {
        return (BigDecimal) get(column);
    }

    /** A number column; null reads as 0. */
    public long number(String column) {
        Object value = get(column);
        return value == null ? 0 : ((Number) value).longValue();
    }

    public boolean flag(String column) {
        return Boolean.TRUE.equals(get(column));
    }

    public Instant moment(String column) {
        return (Instant) get(column);
    }

    public Row set(String column, Object value) {
        values[table.indexOf(column)] = value;
        return this;
    }

    /** Adds {@code delta} to an amount column (null counts as zero). */
    public Row add(String column, BigDecimal delta) {
        BigDecimal now = amount(column);
        return set(column, now == null ? delta : now.add(delta));
    }

    /** Adds {@code delta} to a number column (null counts as zero). */
    public Row add(String column, long delta) {
        return set(column, number(column) + delta);
    }

    public List<Object> key() {
        return Arrays.asList(Arrays.copyOf(values, table.keyColumns()));
    }

    public Object value(int index) {
        return values[index];
    }

    Object[] values() {
        return values;
    }

    public Row copy() {
        return new Row(table, values.clone());
    }

    /**
     * Whether the two rows hold the same values, amounts compared by value (59.840000
     * and 59.84 alike): what {@link #canonical()} says, without making the text of
     * every row a proof compares.
     */
    public boolean sameAs(Row other) {
        for (int i = 0; i < values.length; i++) {
            Object mine = values[i];
            Object theirs = other.values[i];
            boolean same = mine instanceof BigDecimal a && theirs instanceof BigDecimal b ? a.compareTo(b) == 0 : Objects.equals(mine, theirs);
            if (!same) {
                return canonical().equals(other.canonical());
            }
        }
        return true;
    }

    /** The row as text in which equal values read the same (59.840000 and 59.84 alike). */
    public String canonical() {
        return Arrays.stream(values).map(Column::canonical).collect(Collectors.joining(" | "));
    }

    @Override
    public String toString() {
        return table.name() + "[" + canonical() + "]";
    }
}
