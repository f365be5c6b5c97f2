package org.publicbudget.ledger.query.totals;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Stream;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Writes whole tables of a read model copy with multi-row INSERTs: one round trip
 * per {@value #ROWS_PER_STATEMENT} rows rather than one per row, on PostgreSQL and H2
 * alike (no driver-specific batch rewriting needed).
 */
public final class CopyWriter {

    static final int ROWS_PER_STATEMENT = 500;

    private CopyWriter() {
    }

    /** Inserts every row of every table into {@code copy}; returns how many rows were written. */
    public static long write(JdbcTemplate jdbc, String copy, Function<TotalsTables.Table, Stream<Object[]>> rows) {
        long written = 0;
        for (TotalsTables.Table table : TotalsTables.ALL) {
            List<Object[]> chunk = new ArrayList<>(ROWS_PER_STATEMENT);
            try (Stream<Object[]> stream = rows.apply(table)) {
                for (Object[] row : (Iterable<Object[]>) stream::iterator) {
                    chunk.add(row);
                    if (chunk.size() == ROWS_PER_STATEMENT) {
                        written += insert(jdbc, table.in(copy), table.columns(), chunk);
                    }
                }
            }
            written += insert(jdbc, table.in(copy), table.columns(), chunk);
        }
        return written;
    }

    private static int insert(JdbcTemplate jdbc, String table, List<String> columns, List<Object[]> chunk) {
        if (chunk.isEmpty()) {
            return 0;
        }
        String oneRow = "(" + String.join(", ", Collections.nCopies(columns.size(), "?")) + ")";
        Object[] values = chunk.stream().flatMap(Stream::of).toArray();
        int count = chunk.size();
        jdbc.update("INSERT INTO " + table + " (" + String.join(", ", columns) + ") VALUES "
                + String.join(", ", Collections.nCopies(count, oneRow)), values);
        chunk.clear();
        return count;
    }
}
