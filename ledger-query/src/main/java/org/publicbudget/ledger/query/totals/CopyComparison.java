package org.publicbudget.ledger.query.totals;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Compares a copy of the totals read model, row by row, with the rows it should
 * hold. Values compare by meaning (59.840000 equals 59.84), one table at a time, so
 * memory holds one table's expected rows, not the whole model.
 */
public final class CopyComparison {

    /**
     * One row that differs: its table, the project, unit or department it belongs to,
     * its whole key, what was expected and what the copy holds (null when absent).
     */
    public record Difference(String table, String id, String key, String expected, String found) {
    }

    /** How many rows differ, and the first of them. */
    public record Differences(long count, List<Difference> first) {

        public boolean none() {
            return count == 0;
        }
    }

    private static final int LISTED = 50;
    private static final String SEPARATOR = " | ";

    private CopyComparison() {
    }

    public static Differences compare(JdbcTemplate jdbc, String copy, Function<TotalsTables.Table, Stream<Object[]>> expected) {
        List<Difference> first = new ArrayList<>();
        long[] count = {0};
        for (TotalsTables.Table table : TotalsTables.ALL) {
            Map<String, String> wanted;
            try (Stream<Object[]> rows = expected.apply(table)) {
                wanted = rows.collect(Collectors.toMap(row -> key(table, row), CopyComparison::text, (x, y) -> x, HashMap::new));
            }
            int width = table.columns().size();
            jdbc.query("SELECT " + String.join(", ", table.columns()) + " FROM " + table.in(copy), rs -> {
                Object[] row = new Object[width];
                for (int i = 0; i < width; i++) {
                    row[i] = rs.getObject(i + 1);
                }
                String key = key(table, row);
                String want = wanted.remove(key);
                String found = text(row);
                if (!found.equals(want)) {
                    count[0]++;
                    if (first.size() < LISTED) {
                        first.add(new Difference(table.name(), String.valueOf(row[0]), key, want, found));
                    }
                }
            });
            for (Map.Entry<String, String> missing : wanted.entrySet()) {
                count[0]++;
                if (first.size() < LISTED) {
                    first.add(new Difference(table.name(), idOf(missing.getKey()), missing.getKey(), missing.getValue(), null));
                }
            }
        }
        return new Differences(count[0], List.copyOf(first));
    }

    /** The first column of a key: the project, unit or department. */
    private static String idOf(String key) {
        int end = key.indexOf(SEPARATOR);
        return end < 0 ? key : key.substring(0, end);
    }

    private static String key(TotalsTables.Table table, Object[] row) {
        return text(Arrays.copyOf(row, table.keyColumns()));
    }

    private static String text(Object[] row) {
        return Arrays.stream(row).map(CopyComparison::text).collect(Collectors.joining(SEPARATOR));
    }

    private static String text(Object value) {
        if (value instanceof BigDecimal amount) {
            return amount.signum() == 0 ? "0" : amount.stripTrailingZeros().toPlainString();
        }
        return String.valueOf(value);
    }
}
