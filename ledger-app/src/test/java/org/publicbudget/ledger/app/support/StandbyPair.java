package org.publicbudget.ledger.app.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A PostgreSQL primary and its streaming standby of the tests' own, made from the
 * machine's PostgreSQL binaries ({@code initdb}, {@code pg_basebackup -R},
 * {@code pg_ctl}) as the {@code postgres} user, in a temporary folder, on free ports:
 * never the machine's own cluster. Binaries: {@code LEDGER_TEST_PG_BIN}, else those of
 * the tests' PostgreSQL, which runs on the same machine. The tests run as root (CI),
 * as postgres, or as a user who may {@code sudo -u postgres} without a password.
 */
public final class StandbyPair implements AutoCloseable {

    private final Path bin;
    private final Path folder;
    private final int primaryPort;
    private final int standbyPort;

    private StandbyPair(Path bin, Path folder) {
        this.bin = bin;
        this.folder = folder;
        this.primaryPort = LedgerProcess.freePort();
        this.standbyPort = LedgerProcess.freePort();
    }

    /**
     * Starts both; with {@code synchronous} the primary's commits wait until the standby
     * has applied them ({@code synchronous_commit = remote_apply}), so that nothing a
     * client was told is lost when the primary is.
     */
    public static StandbyPair start(boolean synchronous) {
        return start(synchronous ? "remote_apply" : null);
    }

    /** With {@code synchronousCommit} ({@code on}, {@code remote_apply}) a synchronous standby, without (null) an asynchronous one. */
    public static StandbyPair start(String synchronousCommit) {
        try {
            Path folder = Files.createTempDirectory("ledger-pair");
            // the server's own folders are made inside by postgres, with the modes it wants
            Files.setPosixFilePermissions(folder, PosixFilePermissions.fromString("rwxrwxrwx"));
            StandbyPair pair = new StandbyPair(binaries(), folder);
            // a test JVM that is killed leaves no server running
            Runtime.getRuntime().addShutdownHook(new Thread(pair::close));
            pair.startPrimary();
            pair.startStandby();
            if (synchronousCommit != null) {
                // only now: with no standby yet, the primary's own commits would wait for one for ever
                execute(url(pair.primaryPort, "postgres"), "ALTER SYSTEM SET synchronous_standby_names = '*'");
                execute(url(pair.primaryPort, "postgres"), "ALTER SYSTEM SET synchronous_commit = '" + synchronousCommit + "'");
                execute(url(pair.primaryPort, "postgres"), "SELECT pg_reload_conf()");
            }
            return pair;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void startPrimary() throws IOException {
        Path data = folder.resolve("primary");
        asPostgres("initdb", "-D", data.toString(), "-U", "postgres", "-A", "trust", "-E", "UTF8", "--no-sync");
        appendAsPostgres(data.resolve("postgresql.conf"), List.of("port = " + primaryPort, "listen_addresses = '127.0.0.1'",
                "unix_socket_directories = '" + folder + "'", "wal_level = replica", "max_wal_senders = 4", "hot_standby = on",
                "max_connections = 60", "shared_buffers = 64MB"));
        asPostgres("pg_ctl", "-D", data.toString(), "-l", folder.resolve("primary.log").toString(), "-w", "start");
        execute(url(primaryPort, "postgres"), "CREATE DATABASE ledger");
    }

    private void startStandby() throws IOException {
        Path data = folder.resolve("standby");
        asPostgres("pg_basebackup", "-h", "127.0.0.1", "-p", Integer.toString(primaryPort), "-U", "postgres", "-D", data.toString(),
                "-R", "-X", "stream", "--checkpoint=fast");
        appendAsPostgres(data.resolve("postgresql.conf"), List.of("port = " + standbyPort));
        asPostgres("pg_ctl", "-D", data.toString(), "-l", folder.resolve("standby.log").toString(), "-w", "start");
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!streaming()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the standby did not start streaming:\n" + log("standby.log"));
            }
            sleep(100);
        }
    }

    private boolean streaming() {
        try (Connection connection = DriverManager.getConnection(url(primaryPort, "postgres"), "postgres", "");
                ResultSet row = connection.createStatement().executeQuery("SELECT count(*) FROM pg_stat_replication WHERE state = 'streaming'")) {
            row.next();
            return row.getLong(1) > 0;
        } catch (SQLException e) {
            return false;
        }
    }

    /** The ledger's database as a node is given it: both hosts, connecting to whichever is the primary. */
    public TestPostgres.Database database() {
        return new TestPostgres.Database("jdbc:postgresql://127.0.0.1:" + primaryPort + ",127.0.0.1:" + standbyPort
                + "/ledger?targetServerType=primary", "postgres", "", "public");
    }

    public String primaryUrl() {
        return url(primaryPort, "ledger");
    }

    public String standbyUrl() {
        return url(standbyPort, "ledger");
    }

    /** The standby applies what it receives only this long after it was committed (0 to catch up). */
    public void delayStandby(Duration delay) {
        execute(standbyUrl(), "ALTER SYSTEM SET recovery_min_apply_delay = '" + delay.toMillis() + "ms'");
        execute(standbyUrl(), "SELECT pg_reload_conf()");
    }

    /** The primary lost as in a crash: no checkpoint, no goodbye to its clients. */
    public void losePrimary() {
        asPostgres("pg_ctl", "-D", folder.resolve("primary").toString(), "-m", "immediate", "-w", "stop");
    }

    public void promoteStandby() {
        asPostgres("pg_ctl", "-D", folder.resolve("standby").toString(), "-w", "promote");
    }

    @Override
    public synchronized void close() {
        for (String server : List.of("primary", "standby")) {
            if (Files.exists(folder.resolve(server).resolve("postmaster.pid"))) {
                run(false, List.of(bin.resolve("pg_ctl").toString(), "-D", folder.resolve(server).toString(), "-m", "immediate", "-w", "stop"));
            }
        }
        run(false, List.of("rm", "-rf", folder.toString()));
        try (Stream<Path> left = Files.exists(folder) ? Files.walk(folder) : Stream.empty()) {
            left.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            // a temporary folder left behind is harmless
        }
    }

    public String log(String name) {
        try {
            List<String> lines = Files.readAllLines(folder.resolve(name), StandardCharsets.UTF_8);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
        } catch (IOException e) {
            return "(no " + name + ")";
        }
    }

    public static String url(int port, String database) {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + database;
    }

    public static void execute(String url, String sql) {
        try (Connection connection = DriverManager.getConnection(url, "postgres", ""); Statement statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(sql + " at " + url + " refused", e);
        }
    }

    private void asPostgres(String program, String... arguments) {
        List<String> command = new ArrayList<>(List.of(bin.resolve(program).toString()));
        command.addAll(Arrays.asList(arguments));
        run(true, command);
    }

    private void appendAsPostgres(Path file, List<String> lines) {
        run(true, List.of("sh", "-c", "cat >> '" + file + "' <<'EOF'\n" + String.join("\n", lines) + "\nEOF"));
    }

    private void run(boolean mustSucceed, List<String> command) {
        List<String> full = new ArrayList<>();
        String user = System.getProperty("user.name");
        if (user.equals("root")) {
            full.addAll(List.of("runuser", "-u", "postgres", "--"));
        } else if (!user.equals("postgres")) {
            full.addAll(List.of("sudo", "-n", "-u", "postgres"));
        }
        full.addAll(command);
        try {
            Process process = new ProcessBuilder(full).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(2, TimeUnit.MINUTES)) {
                process.destroyForcibly();
            }
            if (mustSucceed && process.exitValue() != 0) {
                throw new IllegalStateException(String.join(" ", full) + " failed (" + process.exitValue() + "):\n" + output);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The binaries of the tests' own PostgreSQL (the same machine), as its pg_config view names them. */
    private static Path binaries() {
        String given = System.getenv("LEDGER_TEST_PG_BIN");
        if (given != null && !given.isBlank()) {
            return Path.of(given);
        }
        TestPostgres.Database local = TestPostgres.freshSchema();
        try (Connection connection = DriverManager.getConnection(local.url(), local.user(), local.password());
                ResultSet row = connection.createStatement().executeQuery("SELECT setting FROM pg_config WHERE name = 'BINDIR'")) {
            row.next();
            return Path.of(row.getString(1));
        } catch (SQLException e) {
            throw new IllegalStateException("no PostgreSQL binaries (initdb, pg_ctl, pg_basebackup) found: set LEDGER_TEST_PG_BIN", e);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
