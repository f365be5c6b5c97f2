package org.publicbudget.ledger.query.totals;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.publicbudget.ledger.app.support.ReadModelDatabase;
import org.publicbudget.ledger.app.support.TestPostgres;
import org.publicbudget.ledger.query.readmodel.projection.ReadModelCopies;
import org.springframework.dao.PessimisticLockingFailureException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The views switching to the other copy while readers are in the middle of their
 * queries, on real PostgreSQL: a reader is never the one aborted.
 */
class CopySwitchTest {

    private static final TotalsReadModel MODEL = new TotalsReadModel();
    private final ExecutorService threads = Executors.newFixedThreadPool(2);
    private TestPostgres.Database db;
    private DriverManagerDataSource dataSource;
    private JdbcTemplate jdbc;
    private TransactionTemplate transaction;

    @BeforeEach
    void migrate() {
        ReadModelDatabase.Migrated migrated = ReadModelDatabase.fresh();
        db = migrated.database();
        dataSource = migrated.dataSource();
        jdbc = migrated.jdbc();
        transaction = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
    }

    @AfterEach
    void stopThreads() {
        threads.shutdownNow();
    }

    /**
     * The order of events that failed a read during a rebuild: a reader has one view,
     * the switch has taken another and waits behind an earlier reader, the first reader
     * then asks for the view the switch holds. Without the switch giving way, PostgreSQL
     * aborts the first reader as a deadlock one second later.
     */
    @Test
    void aReaderHoldingOneViewAndAskingForOneTheSwitchHoldsIsNotAborted() throws Exception {
        jdbc.update("INSERT INTO budget_unit_b (unit_id, department_id, name) VALUES ('u1', 'd1', '街道办事处')");
        try (Connection earlierReader = dataSource.getConnection(); Connection reader = dataSource.getConnection()) {
            earlierReader.setAutoCommit(false);
            reader.setAutoCommit(false);
            count(earlierReader, "figure_history");
            count(reader, "budget_project");

            Future<?> firstSwitch = threads.submit(() -> transaction.executeWithoutResult(status -> ReadModelCopies.activate(jdbc, MODEL, "b")));
            awaitSomeoneWaitingOrDone(firstSwitch);
            Future<Long> secondRead = threads.submit(() -> count(reader, "budget_unit"));
            awaitSomeoneWaitingOrDone(secondRead);
            earlierReader.commit();

            assertThat(secondRead.get(10, TimeUnit.SECONDS)).as("the reader still sees the old copy").isZero();
            reader.commit();
            assertThatThrownBy(() -> firstSwitch.get(10, TimeUnit.SECONDS)).hasCauseInstanceOf(PessimisticLockingFailureException.class);
        }

        assertThat(ReadModelCopies.active(jdbc, MODEL)).as("the switch that gave way changed nothing").isEqualTo("a");
        transaction.executeWithoutResult(status -> ReadModelCopies.activate(jdbc, MODEL, "b"));
        assertThat(ReadModelCopies.active(jdbc, MODEL)).isEqualTo("b");
        assertThat(jdbc.queryForList("SELECT name FROM budget_unit", String.class)).containsExactly("街道办事处");
    }

    /** Until the task has finished or some session of this schema waits for a lock. */
    private void awaitSomeoneWaitingOrDone(Future<?> task) {
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(5)).until(() -> task.isDone()
                || jdbc.queryForObject("SELECT COUNT(*) FROM pg_locks l JOIN pg_class c ON c.oid = l.relation "
                        + "JOIN pg_namespace n ON n.oid = c.relnamespace WHERE NOT l.granted AND n.nspname = ?", Long.class, db.schema()) > 0);
    }

    private static long count(Connection connection, String view) throws SQLException {
        try (Statement statement = connection.createStatement(); ResultSet rows = statement.executeQuery("SELECT COUNT(*) FROM " + view)) {
            rows.next();
            return rows.getLong(1);
        }
    }
}
