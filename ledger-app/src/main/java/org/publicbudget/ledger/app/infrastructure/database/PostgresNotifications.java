package org.publicbudget.ledger.app.infrastructure.database;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.boot.autoconfigure.jdbc.DataSourceProperties;

/**
 * Carries {@link LedgerSignals} between the nodes of one PostgreSQL database with
 * {@code LISTEN/NOTIFY}: one connection listens for other nodes' commits, another
 * announces this node's. Announcements are coalesced — whatever happened since the last
 * one goes in the next — so a busy node sends a few a millisecond, not one per
 * command, and never holds a writer's transaction up (a NOTIFY inside it would
 * serialise commits). Nodes come back by themselves after the database does.
 */
public class PostgresNotifications implements InitializingBean, DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(PostgresNotifications.class);
    static final String EVENTS = "ledger_events";
    static final String READ_MODELS = "ledger_read_models";

    private final DataSourceProperties database;
    private final LedgerSignals signals;
    private final String node;
    private volatile boolean running = true;
    private Thread listener;
    private Thread announcer;

    public PostgresNotifications(DataSourceProperties database, LedgerSignals signals, LedgerNode node) {
        this.database = database;
        this.signals = signals;
        this.node = node.id();
    }

    @Override
    public void afterPropertiesSet() {
        listener = daemon("ledger-listen", this::listen);
        announcer = daemon("ledger-notify", this::announce);
    }

    private static Thread daemon(String name, Runnable work) {
        Thread thread = new Thread(work, name);
        thread.setDaemon(true);
        thread.start();
        return thread;
    }

    private void listen() {
        while (running) {
            try (Connection connection = connect(); Statement statement = connection.createStatement()) {
                statement.execute("LISTEN " + EVENTS);
                statement.execute("LISTEN " + READ_MODELS);
                PGConnection postgres = connection.unwrap(PGConnection.class);
                // a node that missed notifications while away looks once now
                signals.eventsArrived();
                signals.readModelAdvanced();
                while (running) {
                    PGNotification[] notifications = postgres.getNotifications(500);
                    if (notifications == null) {
                        continue;
                    }
                    boolean events = false;
                    boolean readModels = false;
                    for (PGNotification notification : notifications) {
                        // this node's own announcements come back too; it knew already
                        boolean others = !node.equals(notification.getParameter());
                        events |= others && notification.getName().equals(EVENTS);
                        readModels |= others && notification.getName().equals(READ_MODELS);
                    }
                    if (events) {
                        signals.eventsArrived();
                    }
                    if (readModels) {
                        signals.readModelAdvanced();
                    }
                }
            } catch (SQLException e) {
                pauseAfter(e);
            }
        }
    }

    /**
     * Both kinds of news in one statement, on a connection whose commits do not wait for
     * the disk: a notification is a hint to look, not a record — a lost one costs a
     * reader at most its 100 ms look-again — and waiting for the WAL flush here made
     * every command cost the database two more flushes.
     */
    private void announce() {
        while (running) {
            try (Connection connection = connect(); PreparedStatement notify = connection.prepareStatement(
                    "SELECT CASE WHEN ? THEN pg_notify('" + EVENTS + "', ?) END, CASE WHEN ? THEN pg_notify('" + READ_MODELS + "', ?) END")) {
                try (Statement setting = connection.createStatement()) {
                    setting.execute("SET synchronous_commit TO OFF");
                }
                notify.setString(2, node);
                notify.setString(4, node);
                while (running) {
                    boolean[] what = signals.nextAnnouncement(Duration.ofSeconds(1));
                    if (what[0] || what[1]) {
                        notify.setBoolean(1, what[0]);
                        notify.setBoolean(3, what[1]);
                        notify.execute();
                    }
                }
            } catch (SQLException e) {
                pauseAfter(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private Connection connect() throws SQLException {
        Connection connection = DriverManager.getConnection(database.determineUrl(), database.determineUsername(),
                database.determinePassword());
        connection.setAutoCommit(true);
        return connection;
    }

    private void pauseAfter(SQLException e) {
        if (!running) {
            return;
        }
        log.warn("Signals between nodes paused (readers fall back to looking every 100 ms): {}", e.getMessage());
        try {
            Thread.sleep(1000);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }

    @Override
    public void destroy() {
        running = false;
        listener.interrupt();
        announcer.interrupt();
    }
}
