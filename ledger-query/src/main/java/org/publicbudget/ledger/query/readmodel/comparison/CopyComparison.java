package org.publicbudget.ledger.query.readmodel.comparison;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.publicbudget.ledger.query.readmodel.Column;
import org.publicbudget.ledger.query.readmodel.Keys;
import org.publicbudget.ledger.query.readmodel.ReadModel;
import org.publicbudget.ledger.query.readmodel.Row;
import org.publicbudget.ledger.query.readmodel.RowMapping;
import org.publicbudget.ledger.query.readmodel.Rows;
import org.publicbudget.ledger.query.readmodel.Table;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Compares two copies of a read model row by row, in the database (values compare by
 * meaning: 59.840000 equals 59.84), so that no copy has to fit in memory.
 */
public final class CopyComparison {

    private CopyComparison() {
    }

    /** Rows of {@code found} that differ from {@code expected}, counted by key, every table. */
    public static Differences compare(JdbcTemplate jdbc, ReadModel model, String expected, String found) {
        Differences differences = new Differences();
        for (Table table : model.tables()) {
            String key = String.join(", ", table.columns().subList(0, table.keyColumns()).stream().map(Column::name).toList());
            Long count = jdbc.queryForObject("SELECT COUNT(*) FROM (SELECT DISTINCT " + key + " FROM ((" + except(table, expected, found)
                    + ") UNION ALL (" + except(table, found, expected) + ")) d) k", Long.class);
            if (count == null || count == 0) {
                continue;
            }
            differences.addCount(count);
            Map<List<Object>, String[]> rows = new TreeMap<>(Keys.ORDER);
            note(jdbc, table, except(table, expected, found), rows, 0);
            note(jdbc, table, except(table, found, expected), rows, 1);
            rows.forEach((k, pair) -> differences.list(new Differences.Difference(table.name(), text(k), pair[0], pair[1])));
        }
        return differences;
    }

    private static String except(Table table, String copy, String other) {
        return "SELECT " + table.columnList() + " FROM " + table.in(copy) + " EXCEPT SELECT " + table.columnList() + " FROM " + table.in(other);
    }

    /** The first rows of a difference, noted on {@code side}: 0 expected, 1 found. */
    private static void note(JdbcTemplate jdbc, Table table, String except, Map<List<Object>, String[]> rows, int side) {
        jdbc.query(except + " LIMIT " + Differences.LISTED, rs -> {
            Row row = RowMapping.read(table, rs);
            rows.computeIfAbsent(row.key(), k -> new String[2])[side] = row.canonical();
        });
    }

    static String text(List<Object> key) {
        return String.join(" | ", key.stream().map(Column::canonical).toList());
    }
}
