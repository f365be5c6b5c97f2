package org.publicbudget.ledger.query.totals;

import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The tables of the totals read model. Each exists in two copies, {@code _a} and
 * {@code _b}; a view with the plain name shows the active one (see the V6 migration).
 * Queries read the views; the projection and a rebuild write a copy by name.
 */
public final class TotalsTables {

    /** A table, its columns in order, and how many of the first columns form its key. */
    public record Table(String name, List<String> columns, int keyColumns) {

        public String in(String copy) {
            return name + "_" + copy;
        }
    }

    public static final String READ_MODEL = "totals";

    public static final List<Table> ALL = List.of(
            new Table("department_summary", List.of("department_id", "name", "fiscal_year", "declared_total"), 1),
            new Table("unit_summary", List.of("unit_id", "department_id", "name", "declared_total"), 1),
            new Table("project_summary", List.of("project_id", "unit_id", "department_id", "name", "goal", "version",
                    "indicator_count", "withdrawn"), 1),
            new Table("project_allocation", List.of("project_id", "funding_source", "amount"), 2),
            new Table("unit_allocation", List.of("unit_id", "funding_source", "amount"), 2),
            new Table("department_allocation", List.of("department_id", "funding_source", "amount"), 2),
            new Table("project_indicator", List.of("project_id", "no", "level1", "level2", "name", "period_target",
                    "annual_target"), 2));

    private TotalsTables() {
    }

    /** The copy the projection writes and the views show: "a" or "b". */
    public static String activeCopy(JdbcTemplate jdbc) {
        return jdbc.queryForObject("SELECT active FROM read_model_copy WHERE read_model = ?", String.class, READ_MODEL);
    }

    public static String otherCopy(String copy) {
        return copy.equals("a") ? "b" : "a";
    }

    /** Empties one copy; only ever the copy no view shows. */
    public static void empty(JdbcTemplate jdbc, String copy) {
        ALL.forEach(table -> jdbc.update("DELETE FROM " + table.in(copy)));
    }

    /**
     * Points every view at {@code copy} and records it as active. On PostgreSQL this
     * runs in the caller's transaction, so readers see the old copy or the new one,
     * never a mixture.
     */
    public static void activate(JdbcTemplate jdbc, String copy) {
        ALL.forEach(table -> jdbc.execute("CREATE OR REPLACE VIEW " + table.name() + " AS SELECT * FROM " + table.in(copy)));
        jdbc.update("UPDATE read_model_copy SET active = ? WHERE read_model = ?", copy, READ_MODEL);
    }
}
