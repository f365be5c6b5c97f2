package org.publicbudget.ledger.query.readmodel;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A table of a read model, defined once: its columns, its key (the first
 * {@code keyColumns} columns) and its indexes. The DDL of both copies, the SQL that
 * reads and writes it, and the comparison of copies are all derived from this.
 *
 * <p>A {@link Kind#STATE} table holds one row per key, changed in place. A
 * {@link Kind#HISTORY} table is appended to; the last column of its key is the
 * event-store position of the change, so that "the row at position P" and "the rows
 * between P1 and P2" are index range reads.
 */
public final class Table {

    public enum Kind { STATE, HISTORY }

    private final String name;
    private final Kind kind;
    private final List<Column> columns;
    private final int keyColumns;
    private final List<List<String>> indexes;
    private final Map<String, Integer> positions = new HashMap<>();

    private Table(String name, Kind kind, List<Column> columns, int keyColumns, List<List<String>> indexes) {
        this.name = name;
        this.kind = kind;
        this.columns = List.copyOf(columns);
        this.keyColumns = keyColumns;
        this.indexes = List.copyOf(indexes);
        for (int i = 0; i < columns.size(); i++) {
            if (positions.put(columns.get(i).name(), i) != null) {
                throw new IllegalArgumentException(name + ": column " + columns.get(i).name() + " twice");
            }
        }
        if (kind == Kind.HISTORY && !columns.get(keyColumns - 1).type().equals(Column.Type.NUMBER)) {
            throw new IllegalArgumentException(name + ": a history table's key ends with the position");
        }
    }

    public static Builder state(String name) {
        return new Builder(name, Kind.STATE);
    }

    public static Builder history(String name) {
        return new Builder(name, Kind.HISTORY);
    }

    public String name() {
        return name;
    }

    public Kind kind() {
        return kind;
    }

    public List<Column> columns() {
        return columns;
    }

    public int keyColumns() {
        return keyColumns;
    }

    public List<List<String>> indexes() {
        return indexes;
    }

    /** The table of one copy of the read model: {@code budget_project_a}. */
    public String in(String copy) {
        return name + "_" + copy;
    }

    int indexOf(String column) {
        Integer index = positions.get(column);
        if (index == null) {
            throw new IllegalArgumentException(name + " has no column " + column);
        }
        return index;
    }

    public Column column(String column) {
        return columns.get(indexOf(column));
    }

    public String columnList() {
        return String.join(", ", columns.stream().map(Column::name).toList());
    }

    /** A new row with every value null. */
    public Row newRow() {
        return new Row(this, new Object[columns.size()]);
    }

    @Override
    public String toString() {
        return name;
    }

    public static final class Builder {

        private final String name;
        private final Kind kind;
        private final List<Column> columns = new ArrayList<>();
        private final List<List<String>> indexes = new ArrayList<>();
        private int keyColumns;

        private Builder(String name, Kind kind) {
            this.name = name;
            this.kind = kind;
        }

        /** Key columns come first, in the order given. */
        public Builder key(String column, Column.Type type) {
            if (columns.size() != keyColumns) {
                throw new IllegalStateException(name + ": key columns come before the others");
            }
            columns.add(new Column(column, type));
            keyColumns++;
            return this;
        }

        public Builder column(String column, Column.Type type) {
            columns.add(new Column(column, type));
            return this;
        }

        public Builder index(String... columnNames) {
            indexes.add(List.of(columnNames));
            return this;
        }

        public Table build() {
            return new Table(name, kind, columns, keyColumns, indexes);
        }
    }
}
