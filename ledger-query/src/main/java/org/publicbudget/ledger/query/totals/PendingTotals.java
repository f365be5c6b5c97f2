package org.publicbudget.ledger.query.totals;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.publicbudget.ledger.domain.money.FundingSource;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Unit and department totals move with every event of their projects. Within one
 * batch of the processor the moves are summed in memory and each row is written once,
 * in the batch's transaction, rather than once per event: a batch of hundreds of
 * events falls on a few units, so this saves about half of the projection's
 * statements (profiled: README "Speed").
 */
final class PendingTotals {

    private record Total(String table, String keyColumn, String key, FundingSource source) {
    }

    private final Map<Total, BigDecimal> moves = new LinkedHashMap<>();

    /** {@code table} is the name of the copy being written, e.g. {@code unit_allocation_a}. */
    void add(String table, String keyColumn, String key, FundingSource source, BigDecimal delta) {
        moves.merge(new Total(table, keyColumn, key, source), delta, BigDecimal::add);
    }

    /** One batch of updates per table; rows not there yet are inserted. */
    void write(JdbcTemplate jdbc) {
        Map<String, List<Map.Entry<Total, BigDecimal>>> byTable = new LinkedHashMap<>();
        moves.entrySet().forEach(move -> byTable.computeIfAbsent(move.getKey().table(), t -> new ArrayList<>()).add(move));
        for (List<Map.Entry<Total, BigDecimal>> rows : byTable.values()) {
            Total first = rows.get(0).getKey();
            int[] updated = jdbc.batchUpdate("UPDATE " + first.table() + " SET amount = amount + ? WHERE " + first.keyColumn()
                    + " = ? AND funding_source = ?", rows.stream()
                    .map(row -> new Object[] {row.getValue(), row.getKey().key(), row.getKey().source().name()}).toList());
            List<Object[]> missing = new ArrayList<>();
            for (int i = 0; i < updated.length; i++) {
                if (updated[i] == 0) {
                    missing.add(new Object[] {rows.get(i).getKey().key(), rows.get(i).getKey().source().name(), rows.get(i).getValue()});
                }
            }
            if (!missing.isEmpty()) {
                jdbc.batchUpdate("INSERT INTO " + first.table() + " (" + first.keyColumn() + ", funding_source, amount) VALUES (?, ?, ?)",
                        missing);
            }
        }
        moves.clear();
    }
}
