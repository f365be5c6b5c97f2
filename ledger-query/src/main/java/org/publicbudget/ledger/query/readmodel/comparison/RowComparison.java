package org.publicbudget.ledger.query.readmodel.comparison;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.publicbudget.ledger.query.readmodel.Keys;
import org.publicbudget.ledger.query.readmodel.Row;
import org.publicbudget.ledger.query.readmodel.Table;

/** Compares the rows a table should hold with the rows it holds, by key and by meaning. */
public final class RowComparison {

    private RowComparison() {
    }

    public static void compare(Table table, Stream<Row> expected, List<Row> found, Differences into) {
        Map<List<Object>, Row> wanted = new TreeMap<>(Keys.ORDER);
        expected.forEach(row -> wanted.put(row.key(), row));
        for (Row row : found) {
            Row want = wanted.remove(row.key());
            if (want == null || !want.sameAs(row)) {
                into.add(new Differences.Difference(table.name(), CopyComparison.text(row.key()), want == null ? null : want.canonical(),
                        row.canonical()));
            }
        }
        wanted.forEach((key, want) -> into.add(new Differences.Difference(table.name(), CopyComparison.text(key), want.canonical(), null)));
    }
}
