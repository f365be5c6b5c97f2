package org.publicbudget.ledger.app.support;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;

/**
 * The packaged jar run as its own JVM, configured only through environment variables
 * as a container would be, on a schema of the test PostgreSQL. For the tests that
 * start, kill and restart whole nodes.
 */
public final class LedgerProcess {

    private final TestPostgres.Database database;
    private final String nodeId;
    private final int port;
    private final Map<String, String> environment = new java.util.HashMap<>();
    private Path jar = Path.of(System.getProperty("ledger.process.jar", "target/ledger-app.jar"));
    private String heap = "-Xmx384m";
    private int starts;
    private Process process;

    public LedgerProcess(TestPostgres.Database database, String nodeId) {
        this.database = database;
        this.nodeId = nodeId;
        this.port = freePort();
    }

    /** Settings beyond the test deployment's, as environment variables; they win over its own. */
    public LedgerProcess with(Map<String, String> settings) {
        environment.putAll(settings);
        return this;
    }

    /** The build to run: by default {@code target/ledger-app.jar}, or {@code -Dledger.process.jar}. */
    public LedgerProcess jar(Path build) {
        jar = build;
        return this;
    }

    /** The heap option, e.g. {@code -XX:MaxRAMPercentage=75} as the container image runs it. */
    public LedgerProcess heap(String option) {
        heap = option;
        return this;
    }

    public long pid() {
        return process.pid();
    }

    public int port() {
        return port;
    }

    public Api api() {
        return new Api(port, TestDeployment.PASSWORDS);
    }

    public LedgerProcess start() {
        return start(Duration.ofSeconds(120));
    }

    /** Starts the node and waits until it says it is ready: the read models have caught up with the store as it stood at its start. */
    public LedgerProcess start(Duration readiness) {
        BCryptPasswordEncoder bcrypt = new BCryptPasswordEncoder(4);
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), heap));
        // e.g. -Dledger.process.jvm=-XX:StartFlightRecording=filename=target/node.jfr to profile a node
        String extra = System.getProperty("ledger.process.jvm", "");
        if (!extra.isBlank()) {
            command.addAll(List.of(extra.split(" ")));
        }
        // e.g. -Dledger.process.jar=/elsewhere/ledger-app.jar to measure an earlier build beside this one
        command.addAll(List.of("-jar", jar.toString()));
        ProcessBuilder builder = new ProcessBuilder(command);
        Map<String, String> env = builder.environment();
        env.put("SPRING_DATASOURCE_URL", database.url());
        env.put("SPRING_DATASOURCE_USERNAME", database.user());
        env.put("SPRING_DATASOURCE_PASSWORD", database.password());
        env.put("SPRING_FLYWAY_SCHEMAS", database.schema());
        env.put("SERVER_PORT", Integer.toString(port));
        env.put("LEDGER_NODE_ID", nodeId);
        env.put("LEDGER_SECURITY_USERS_0_NAME", "treasury");
        env.put("LEDGER_SECURITY_USERS_0_PASSWORD", "{bcrypt}" + bcrypt.encode(TestDeployment.PASSWORDS.get("treasury")));
        env.put("LEDGER_SECURITY_USERS_0_ROLES", "LEDGER_WRITER");
        env.put("LEDGER_SECURITY_USERS_1_NAME", "audit-office");
        env.put("LEDGER_SECURITY_USERS_1_PASSWORD", "{bcrypt}" + bcrypt.encode(TestDeployment.PASSWORDS.get("audit-office")));
        env.put("LEDGER_SECURITY_USERS_1_ROLES", "AUDITOR");
        env.put("LEDGER_SECURITY_USERS_2_NAME", "ops");
        env.put("LEDGER_SECURITY_USERS_2_PASSWORD", "{bcrypt}" + bcrypt.encode(TestDeployment.PASSWORDS.get("ops")));
        env.put("LEDGER_SECURITY_USERS_2_ROLES", "OPERATOR");
        env.putAll(environment);
        builder.redirectErrorStream(true).redirectOutput(Path.of("target", "node-" + nodeId + "-" + (++starts) + ".log").toFile());
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Api api = api();
        await().atMost(readiness).pollInterval(Duration.ofMillis(500)).ignoreExceptions()
                .until(() -> api.get(null, "/actuator/health/readiness").status() == 200);
        return this;
    }

    /** A polite stop (SIGTERM): the node shuts down as an operator would stop it. */
    public void stop() {
        if (process != null) {
            try {
                process.destroy();
                if (!process.waitFor(60, java.util.concurrent.TimeUnit.SECONDS)) {
                    kill();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** kill -9: no shutdown hook, no flush, no goodbye. */
    public void kill() {
        if (process != null) {
            try {
                process.destroyForcibly().waitFor();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** A port nothing listens on right now. */
    public static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
