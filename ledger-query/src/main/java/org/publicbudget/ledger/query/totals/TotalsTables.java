package org.publicbudget.ledger.query.totals;

import java.sql.SQLException;
import java.util.List;
import org.springframework.dao.CannotAcquireLockException;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.ConnectionCallback;
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

    /** Readers hold a view for one statement; even one such wait per view stays under PostgreSQL's default deadlock_timeout of 1 s. */
    private static final int LOCK_WAIT_MILLIS = 100;
    private static final String LOCK_NOT_AVAILABLE = "55P03";

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
     *
     * <p>A reader locks the views one by one, in the order its query names them, and
     * replacing a view needs it alone. A reader holding one view while it waits for
     * another that the switch holds would be aborted by PostgreSQL as a deadlock after
     * its {@code deadlock_timeout} (1 s by default). So the switch first takes every
     * view, waiting at most {@link #LOCK_WAIT_MILLIS} for each: when readers are in the
     * way it gives way instead, with a {@link CannotAcquireLockException},
     * and the caller tries its transaction again.
     */
    public static void activate(JdbcTemplate jdbc, String copy) {
        if (onPostgres(jdbc)) {
            jdbc.execute("SET LOCAL lock_timeout = '" + LOCK_WAIT_MILLIS + "ms'");
            try {
                jdbc.execute("LOCK TABLE " + String.join(", ", ALL.stream().map(Table::name).toList()) + " IN ACCESS EXCLUSIVE MODE");
            } catch (DataAccessException e) {
                if (e.getMostSpecificCause() instanceof SQLException sql && LOCK_NOT_AVAILABLE.equals(sql.getSQLState())) {
                    throw new CannotAcquireLockException("readers are using the views; try again", e);
                }
                throw e;
            }
        }
        ALL.forEach(table -> jdbc.execute("CREATE OR REPLACE VIEW " + table.name() + " AS SELECT * FROM " + table.in(copy)));
        jdbc.update("UPDATE read_model_copy SET active = ? WHERE read_model = ?", copy, READ_MODEL);
    }

    private static boolean onPostgres(JdbcTemplate jdbc) {
        return "PostgreSQL".equals(jdbc.execute((ConnectionCallback<String>) c -> c.getMetaData().getDatabaseProductName()));
    }
}
