package org.publicbudget.ledger.app.support;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.PostgreSQLContainer;

/**
 * The real PostgreSQL the tests run against, found in this order: the one named by
 * {@code LEDGER_TEST_JDBC_URL} (with {@code LEDGER_TEST_JDBC_USER} and
 * {@code LEDGER_TEST_JDBC_PASSWORD}); a Testcontainers one where Docker runs; the
 * local server on 127.0.0.1:5432 as user {@code postgres}, in a database
 * {@value #LOCAL_DATABASE} that the tests create there when it is missing (a stock
 * server has only {@code postgres}). When none answers the tests fail — they are never
 * skipped. Each caller gets a schema of its own, dropped when the JVM ends.
 */
public final class TestPostgres {

    private static final String LOCAL_SERVER = "jdbc:postgresql://127.0.0.1:5432/";
    private static final String LOCAL_DATABASE = "ledger_test";
    private static final List<String> SCHEMAS = new ArrayList<>();
    private static Server server;

    private TestPostgres() {
    }

    /** Where to connect, with a fresh, empty schema as the current one. */
    public record Database(String url, String user, String password, String schema) {
    }

    public static synchronized Database freshSchema() {
        Server s = server();
        String schema = "ledger_it_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        execute(s, "CREATE SCHEMA " + schema);
        SCHEMAS.add(schema);
        String separator = s.url.contains("?") ? "&" : "?";
        return new Database(s.url + separator + "currentSchema=" + schema, s.user, s.password, schema);
    }

    private record Server(String url, String user, String password) {
    }

    private static Server server() {
        if (server != null) {
            return server;
        }
        String url = System.getenv("LEDGER_TEST_JDBC_URL");
        if (url != null && !url.isBlank()) {
            server = new Server(url, env("LEDGER_TEST_JDBC_USER", "postgres"), env("LEDGER_TEST_JDBC_PASSWORD", ""));
        } else if (dockerRuns()) {
            PostgreSQLContainer<?> container = new PostgreSQLContainer<>("postgres:16-alpine");
            container.start();
            server = new Server(container.getJdbcUrl(), container.getUsername(), container.getPassword());
        } else {
            server = new Server(LOCAL_SERVER + localDatabase(), "postgres", "");
        }
        try (Connection ignored = DriverManager.getConnection(server.url, server.user, server.password)) {
            Runtime.getRuntime().addShutdownHook(new Thread(TestPostgres::dropSchemas));
        } catch (SQLException e) {
            throw new IllegalStateException("No PostgreSQL for the tests at " + server.url
                    + ": start one (see .ci/run) or set LEDGER_TEST_JDBC_URL", e);
        }
        return server;
    }

    /** The tests' own database on the local server, made on first use. */
    private static String localDatabase() {
        Server maintenance = new Server(LOCAL_SERVER + "postgres", "postgres", "");
        try (Connection connection = DriverManager.getConnection(maintenance.url, maintenance.user, maintenance.password);
                Statement statement = connection.createStatement()) {
            if (!statement.executeQuery("SELECT 1 FROM pg_database WHERE datname = '" + LOCAL_DATABASE + "'").next()) {
                System.err.println("Tests: creating the database " + LOCAL_DATABASE + " on the PostgreSQL at 127.0.0.1:5432");
                statement.execute("CREATE DATABASE " + LOCAL_DATABASE);
            }
        } catch (SQLException e) {
            // 42P04: another test JVM created it a moment ago
            if (!"42P04".equals(e.getSQLState())) {
                throw new IllegalStateException("No PostgreSQL for the tests at " + maintenance.url
                        + " (user postgres): start one (see .ci/run) or set LEDGER_TEST_JDBC_URL", e);
            }
        }
        System.err.println("Tests: PostgreSQL at 127.0.0.1:5432, database " + LOCAL_DATABASE + ", in schemas of their own");
        return LOCAL_DATABASE;
    }

    private static boolean dockerRuns() {
        try {
            return DockerClientFactory.instance().isDockerAvailable();
        } catch (RuntimeException e) {
            return false;
        }
    }

    /** {@code LEDGER_TEST_KEEP_SCHEMAS=true} keeps them, to look at what a test or benchmark left. */
    private static void dropSchemas() {
        if ("true".equals(System.getenv("LEDGER_TEST_KEEP_SCHEMAS"))) {
            return;
        }
        for (String schema : SCHEMAS) {
            try {
                execute(server, "DROP SCHEMA IF EXISTS " + schema + " CASCADE");
            } catch (RuntimeException e) {
                // the JVM is ending; a schema left behind is harmless and named as a test's
            }
        }
    }

    private static void execute(Server s, String sql) {
        try (Connection connection = DriverManager.getConnection(s.url, s.user, s.password);
                Statement statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("PostgreSQL at " + s.url + " refused: " + sql, e);
        }
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null ? fallback : value;
    }
}
