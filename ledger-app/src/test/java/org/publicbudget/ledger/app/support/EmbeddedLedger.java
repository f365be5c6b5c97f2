package org.publicbudget.ledger.app.support;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The packaged jar as a newcomer runs it: {@code java -jar ledger-app.jar} in a directory
 * of its own — the embedded database under ./data, the bundled seed, the demo accounts
 * with the password {@code demo} — and the same jar's command line.
 */
public final class EmbeddedLedger implements AutoCloseable {

    public static final Path JAR = Path.of("target", "ledger-app.jar").toAbsolutePath();

    private final Path directory;
    private final Process process;
    private final int port;

    private EmbeddedLedger(Path directory, Process process, int port) {
        this.directory = directory;
        this.process = process;
        this.port = port;
    }

    /** Started in {@code directory} and ready: the seed imported and the read models caught up. */
    public static EmbeddedLedger start(Path directory) throws IOException {
        return start(directory, Map.of());
    }

    /** The same, with these environment variables besides. */
    public static EmbeddedLedger start(Path directory, Map<String, String> environment) throws IOException {
        int port;
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        ProcessBuilder ledger = new ProcessBuilder(java(), "-jar", JAR.toString(), "--server.port=" + port)
                .directory(directory.toFile()).redirectErrorStream(true)
                .redirectOutput(Path.of("target", "embedded-ledger-" + port + ".log").toFile());
        ledger.environment().put("LEDGER_DEMO_PASSWORD", "demo");
        ledger.environment().putAll(environment);
        EmbeddedLedger started = new EmbeddedLedger(directory, ledger.start(), port);
        HttpClient http = HttpClient.newHttpClient();
        HttpRequest ready = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/actuator/health/readiness")).build();
        await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(500)).ignoreExceptions()
                .until(() -> http.send(ready, HttpResponse.BodyHandlers.discarding()).statusCode() == 200);
        return started;
    }

    public int port() {
        return port;
    }

    /** Everything the ledger wrote to its stdout and stderr so far. */
    public Path log() {
        return Path.of("target", "embedded-ledger-" + port + ".log");
    }

    /** What the command line printed and how it ended. */
    public record Command(int exit, String out, String err) {
    }

    /** {@code java -jar ledger-app.jar ARGS} in {@code directory}, as an operator types it there. */
    public static Command command(Path directory, String... args) throws IOException, InterruptedException {
        List<String> line = new ArrayList<>(List.of(java(), "-jar", JAR.toString()));
        line.addAll(List.of(args));
        Path err = directory.resolve("command-stderr.txt");
        Process command = new ProcessBuilder(line).directory(directory.toFile()).redirectError(err.toFile()).start();
        String out = new String(command.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!command.waitFor(3, TimeUnit.MINUTES)) {
            command.destroyForcibly();
            throw new IllegalStateException("java -jar ledger-app.jar " + String.join(" ", args) + " did not end in 3 minutes");
        }
        return new Command(command.exitValue(), out, Files.readString(err));
    }

    public Command command(String... args) throws IOException, InterruptedException {
        return command(directory, args);
    }

    private static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }
}
