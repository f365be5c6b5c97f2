package org.publicbudget.ledger.query.readmodel.projection;

import java.sql.SQLException;
import org.publicbudget.ledger.query.readmodel.ReadModel;
import org.publicbudget.ledger.query.readmodel.Table;
import org.springframework.dao.CannotAcquireLockException;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The two copies of a read model. The projection writes the active one, which the
 * views show; a rebuild fills the other and then switches the views to it.
 */
public final class ReadModelCopies {

    /** Readers hold a view for one statement; even one such wait per view stays under PostgreSQL's default deadlock_timeout of 1 s. */
    private static final int LOCK_WAIT_MILLIS = 100;
    private static final String LOCK_NOT_AVAILABLE = "55P03";

    private ReadModelCopies() {
    }

    /** The copy the projection writes and the views show: "a" or "b". */
    public static String active(JdbcTemplate jdbc, ReadModel model) {
        return jdbc.queryForObject("SELECT active FROM read_model_copy WHERE read_model = ?", String.class, model.name());
    }

    public static String other(String copy) {
        return copy.equals("a") ? "b" : "a";
    }

    /** Empties one copy; only ever the copy no view shows, or the active one at a reset. */
    public static void empty(JdbcTemplate jdbc, ReadModel model, String copy) {
        model.tables().forEach(table -> jdbc.execute("TRUNCATE TABLE " + table.in(copy)));
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
     * way it gives way instead, with a {@link CannotAcquireLockException}, and the
     * caller tries its transaction again.
     */
    public static void activate(JdbcTemplate jdbc, ReadModel model, String copy) {
        if (onPostgres(jdbc)) {
            jdbc.execute("SET LOCAL lock_timeout = '" + LOCK_WAIT_MILLIS + "ms'");
            try {
                jdbc.execute("LOCK TABLE " + String.join(", ", model.tables().stream().map(Table::name).toList())
                        + " IN ACCESS EXCLUSIVE MODE");
            } catch (DataAccessException e) {
                if (e.getMostSpecificCause() instanceof SQLException sql && LOCK_NOT_AVAILABLE.equals(sql.getSQLState())) {
                    throw new CannotAcquireLockException("readers are using the views; try again", e);
                }
                throw e;
            }
        }
        model.tables().forEach(table -> jdbc.execute("CREATE OR REPLACE VIEW " + table.name() + " AS SELECT * FROM " + table.in(copy)));
        jdbc.update("UPDATE read_model_copy SET active = ? WHERE read_model = ?", copy, model.name());
    }

    public static boolean onPostgres(JdbcTemplate jdbc) {
        return "PostgreSQL".equals(jdbc.execute((ConnectionCallback<String>) c -> c.getMetaData().getDatabaseProductName()));
    }
}
