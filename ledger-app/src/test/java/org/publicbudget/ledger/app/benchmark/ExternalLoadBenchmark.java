package org.publicbudget.ledger.app.benchmark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.publicbudget.ledger.app.support.TestDeployment.OPERATOR;
import static org.publicbudget.ledger.app.support.TestDeployment.PASSWORDS;
import static org.publicbudget.ledger.app.support.TestDeployment.WRITER;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.publicbudget.ledger.app.support.Api;
import org.publicbudget.ledger.app.support.DebianPackages;
import org.publicbudget.ledger.app.support.LedgerProcess;
import org.publicbudget.ledger.app.support.TestPostgres;

/**
 * The ledger's writes beside the machine's own limits, every bit of load from outside
 * the ledger's JVM: PostgreSQL's limits measured with pgbench (one-row commits at 1, 8
 * and 32 clients; 1,000-row inserts per commit), then the packaged jar driven by wrk
 * (allocation revisions at 1, 8 and 32 connections; batches of 100 and 1,000
 * revisions), after a minute's warm-up, then a rebuild of what the run wrote. Beside them,
 * in the same run, the same revisions through stock Axon ({@link StockAxonPeer}). wrk is
 * installed with apt-get when it is missing. Prints one table with each run's ratio to its
 * limit and to the peer, and the write path's goals against them; writes
 * {@code target/benchmarks/external-load.json}.
 *
 * <pre>./mvnw -pl ledger-app -am -Pbenchmark verify -Dtest=ExternalLoadBenchmark</pre>
 * ({@code -Dbenchmark.seconds=N} per run, default 20).
 */
class ExternalLoadBenchmark {

    private static final int[] CLIENTS = {1, 8, 32};
    private static final int PROJECTS = 2_000;
    /**
     * Departments of 100 projects (two units each). With four, one department held 140,000
     * of the run's events, and proving its rebuilt rows, then held in memory a department
     * at a time, ran the 1 GiB node out of heap; a proof now holds a window of events.
     */
    private static final int DEPARTMENTS = 20;
    private static final Path OUT = Path.of("target", "benchmarks");
    private static final Path SCRIPTS = Path.of("src", "test", "resources", "benchmark");

    private final int seconds = Integer.getInteger("benchmark.seconds", 20);

    /** One run: what, how many clients, units (rows, revisions) per second, latency of a request, failed requests. */
    record Run(String what, int clients, double perSecond, double p50Ms, double p99Ms, long failed, String ofLimit) {
    }

    @Test
    void writesAgainstTheLimitsOfTheMachine() throws Exception {
        DebianPackages.ensure(List.of(Path.of("/usr/bin/wrk")), "wrk");
        // the limits in a schema of their own: the ledger's is Flyway's alone
        TestPostgres.Database limits = TestPostgres.freshSchema();
        try (Connection connection = DriverManager.getConnection(limits.url(), limits.user(), limits.password())) {
            connection.createStatement().execute("CREATE TABLE bench_event (global_index BIGSERIAL PRIMARY KEY, aggregate_id VARCHAR(255) "
                    + "NOT NULL, sequence_number BIGINT NOT NULL, payload BYTEA NOT NULL, UNIQUE (aggregate_id, sequence_number))");
        }
        List<Run> runs = new ArrayList<>();
        double[] oneRow = new double[CLIENTS.length];
        for (int i = 0; i < CLIENTS.length; i++) {
            Run limit = pgbench(limits, "one-row.sql", CLIENTS[i], 1, "limit: one-row insert + commit (pgbench; latency: average)");
            oneRow[i] = limit.perSecond();
            runs.add(limit);
        }
        Run batched = pgbench(limits, "thousand-rows.sql", 1, 1_000, "limit: 1,000-row insert per commit (pgbench, rows; latency: average)");
        runs.add(batched);
        List<Run> peer = stockAxon(oneRow, runs);

        for (String earlier : System.getProperty("benchmark.earlier.jars", "").split(",")) {
            if (!earlier.isBlank()) {
                Path jar = Path.of(earlier.trim());
                runs.addAll(ledger(jar, jar.getFileName() + ": ", oneRow, batched.perSecond(), peer, false));
            }
        }
        List<Run> ledger = ledger(Path.of("target", "ledger-app.jar"), "", oneRow, batched.perSecond(), peer, true);
        runs.addAll(ledger);
        report(runs, verdict(ledger, peer));
        assertThat(runs).allMatch(run -> run.perSecond() > 0);
    }

    /**
     * The same revisions through stock Axon in this JVM, on 2,000 projects of its own,
     * after 10 s of warm-up; each run is added to {@code report}, with what it counts to
     * until its projection had shown every command, and returned.
     */
    private List<Run> stockAxon(double[] oneRow, List<Run> report) throws Exception {
        List<Run> runs = new ArrayList<>();
        try (StockAxonPeer peer = new StockAxonPeer(TestPostgres.freshSchema())) {
            peer.createProjects(PROJECTS);
            peer.revise(8, 10);
            for (int i = 0; i < CLIENTS.length; i++) {
                StockAxonPeer.Run run = peer.revise(CLIENTS[i], seconds);
                System.out.printf("stock Axon peer, %d clients: %,.0f/s, its projection %.1f s behind at the end%n", run.clients(),
                        run.perSecond(), run.catchUpSeconds());
                runs.add(new Run("stock Axon 4.13 peer: allocation revision (in-JVM gateway, no HTTP)", run.clients(), run.perSecond(),
                        run.p50Ms(), run.p99Ms(), run.failed(), String.format("%.1f %%", 100 * run.perSecond() / oneRow[i])));
                report.add(runs.get(i));
                report.add(new Run(String.format("stock Axon 4.13 peer: the same, counted until its projection showed them (%.1f s after)",
                        run.catchUpSeconds()), run.clients(), run.shownPerSecond(seconds), Double.NaN, Double.NaN, 0, ""));
            }
        }
        return runs;
    }

    /**
     * A build of the ledger in a schema of its own: warm-up, single revisions, batches,
     * then a rebuild of its totals. Earlier builds ({@code -Dbenchmark.earlier.jars=a.jar,b.jar},
     * to find which change cost what) may predate batches: they are measured on single
     * revisions only, after 30 s of warm-up, their projects created one by one.
     */
    private List<Run> ledger(Path jar, String label, double[] oneRow, double batchLimit, List<Run> peer, boolean batches) throws Exception {
        List<Run> runs = new ArrayList<>();
        LedgerProcess node = new LedgerProcess(TestPostgres.freshSchema(), "external-load").jar(jar).heap("-Xmx1g").start();
        try {
            // a minute of both kinds of writes before any is measured: on two cores the JIT is still
            // compiling the request path for tens of seconds after the start (seen: the compiler thread
            // busy 9 of 15 seconds), and a ledger serves its users for months, not its first minute
            Path projects = batches ? createProjects(node.api()) : createProjectsOneByOne(node.api());
            wrk(node, projects, 8, 0, "warm-up", 1, 30);
            if (!batches) {
                for (int i = 0; i < CLIENTS.length; i++) {
                    runs.add(wrk(node, projects, CLIENTS[i], 0, label + "allocation revision (wrk)", oneRow[i]));
                }
                return runs;
            }
            wrk(node, projects, 1, 100, "warm-up", 1, 30);
            for (int i = 0; i < CLIENTS.length; i++) {
                Run run = wrk(node, projects, CLIENTS[i], 0, label + "allocation revision (wrk)", oneRow[i]);
                runs.add(new Run(run.what(), run.clients(), run.perSecond(), run.p50Ms(), run.p99Ms(), run.failed(),
                        run.ofLimit() + String.format("; %.2f× the peer", run.perSecond() / peer.get(i).perSecond())));
            }
            for (int size : new int[] {100, 1_000}) {
                runs.add(wrk(node, projects, 1, size, label + "batch of " + String.format("%,d", size) + " revisions (wrk, revisions)",
                        batchLimit));
            }
            runs.add(rebuild(node, label));
        } finally {
            node.stop();
        }
        return runs;
    }

    /** A blue/green rebuild of the totals over every event the runs wrote: the replay's events per second (p50: whole rebuild, s). */
    private static Run rebuild(LedgerProcess node, String label) {
        Api.Response asked = node.api().post(OPERATOR, "/api/v1/ops/processors/totals/rebuild", "{\"reason\":\"benchmark\"}");
        assertThat(asked.status()).as(asked.body().toString()).isEqualTo(202);
        String location = asked.headers().firstValue("Location").orElseThrow();
        long started = System.nanoTime();
        JsonNode done = await().atMost(Duration.ofMinutes(30)).pollInterval(Duration.ofMillis(250))
                .until(() -> node.api().get(OPERATOR, location).body(), rebuild -> "DONE".equals(rebuild.path("state").asText())
                        || "FAILED".equals(rebuild.path("state").asText()));
        double seconds = (System.nanoTime() - started) / 1e9;
        assertThat(done.path("state").asText()).as(done.toString()).isEqualTo("DONE");
        JsonNode proof = done.get("proof");
        assertThat(proof.get("matchesEvents").asBoolean()).as(proof.toString()).isTrue();
        long events = proof.get("events").asLong();
        return new Run(label + String.format("rebuild of the totals: %,d events replayed (events; p50 column: whole rebuild, s)", events), 1,
                events / proof.get("replaySeconds").asDouble(), seconds, Double.NaN, 0, "");
    }

    /** The goals against this run's figures. */
    private static List<String> verdict(List<Run> ledger, List<Run> peer) {
        Run one = ledger.get(0);
        Run many = ledger.get(2);
        Run thousand = ledger.get(4);
        Run rebuild = ledger.get(5);
        return List.of(
                String.format("one client, p50: %.1f ms (goal ≤ 2.5 ms)", one.p50Ms()),
                String.format("32 clients: %.2f× the stock Axon peer (goal ≥ 1.5×), p99 %.1f ms (goal ≤ 50 ms)",
                        many.perSecond() / peer.get(2).perSecond(), many.p99Ms()),
                String.format("batches of 1,000: %,.0f revisions/s (goal ≥ 15,000)", thousand.perSecond()),
                String.format("rebuild: %,.0f events/s replayed (goal ≥ 50,000 at 1M events; RebuildBenchmark measures 1M)", rebuild.perSecond()));
    }

    /** 2,000 projects in two batches of 1,000, their ids in a file for wrk's script. */
    static Path createProjects(Api api) throws IOException {
        List<String> ids = new ArrayList<>();
        for (int b = 0; b < PROJECTS / 1_000; b++) {
            StringBuilder commands = new StringBuilder();
            for (int i = 0; i < 1_000; i++) {
                commands.append(i == 0 ? "" : ",").append("{\"type\":\"CREATE_PROJECT\",\"department\":\"压测部门").append(i % DEPARTMENTS)
                        .append("\",\"fiscalYear\":2030,\"unit\":\"压测单位").append(i % 40).append("\",\"name\":\"压测项目").append(b).append('-')
                        .append(i).append("\",\"allocations\":{\"FISCAL_APPROPRIATION\":\"10\",\"SPECIAL_ACCOUNT\":\"1\"}}");
            }
            Api.Response created = api.post(WRITER, "/api/v1/batches", "{\"commands\":[" + commands + "]}");
            assertThat(created.status()).as(created.body().toString()).isEqualTo(200);
            created.body().get("commands").forEach(command -> ids.add(command.get("projectId").asText()));
        }
        Files.createDirectories(OUT);
        Path file = OUT.resolve("projects.txt");
        Files.write(file, ids);
        return file;
    }

    private static Path createProjectsOneByOne(Api api) throws IOException {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < PROJECTS; i++) {
            Api.Response created = api.post(WRITER, "/api/v1/projects", "{\"department\":\"压测部门" + i % DEPARTMENTS + "\",\"fiscalYear\":2030,"
                    + "\"unit\":\"压测单位" + i % 40 + "\",\"name\":\"压测项目" + i + "\",\"allocations\":{\"FISCAL_APPROPRIATION\":\"10\","
                    + "\"SPECIAL_ACCOUNT\":\"1\"}}");
            assertThat(created.status()).as(created.body().toString()).isEqualTo(201);
            ids.add(created.body().get("projectId").asText());
        }
        Files.createDirectories(OUT);
        return Files.write(OUT.resolve("projects.txt"), ids);
    }

    private Run pgbench(TestPostgres.Database database, String script, int clients, int rowsPerTransaction, String what) throws Exception {
        Matcher url = Pattern.compile("jdbc:postgresql://([^:/]+):(\\d+)/([^?]+)").matcher(database.url());
        assertThat(url.find()).as(database.url()).isTrue();
        ProcessBuilder pgbench = new ProcessBuilder("pgbench", "-n", "-f", SCRIPTS.resolve(script).toString(), "-c", Integer.toString(clients),
                "-j", Integer.toString(Math.min(clients, 2)), "-T", Integer.toString(seconds), "-h", url.group(1), "-p", url.group(2),
                "-U", database.user(), url.group(3));
        pgbench.environment().put("PGPASSWORD", database.password());
        pgbench.environment().put("PGOPTIONS", "-c search_path=" + database.schema());
        String out = run(pgbench);
        double tps = number(out, "tps = ([0-9.]+)");
        double latency = number(out, "latency average = ([0-9.]+) ms");
        return new Run(what, clients, tps * rowsPerTransaction, latency, Double.NaN, 0, "");
    }

    private Run wrk(LedgerProcess node, Path projects, int connections, int batch, String what, double limit) throws Exception {
        return wrk(node, projects, connections, batch, what, limit, seconds);
    }

    static Run wrk(LedgerProcess node, Path projects, int connections, int batch, String what, double limit, int seconds)
            throws Exception {
        ProcessBuilder wrk = new ProcessBuilder("wrk", "-t", Integer.toString(Math.min(connections, 2)), "-c", Integer.toString(connections),
                "-d", seconds + "s", "--timeout", "30s", "--latency", "-s", SCRIPTS.resolve("revision.lua").toString(),
                "http://127.0.0.1:" + node.port());
        Map<String, String> env = wrk.environment();
        env.put("PROJECTS", projects.toAbsolutePath().toString());
        env.put("AUTH", "Basic " + Base64.getEncoder().encodeToString((WRITER + ":" + PASSWORDS.get(WRITER)).getBytes(StandardCharsets.UTF_8)));
        env.put("BATCH", Integer.toString(batch));
        String out = run(wrk);
        double requests = number(out, "Requests/sec:\\s+([0-9.]+)");
        Matcher failed = Pattern.compile("Non-2xx or 3xx responses: (\\d+)").matcher(out);
        double perSecond = requests * Math.max(batch, 1);
        System.out.printf("%s, %d clients: %,.0f/s%n", what, connections, perSecond);
        return new Run(what, connections, perSecond, millis(out, "50%"), millis(out, "99%"), failed.find() ? Long.parseLong(failed.group(1)) : 0,
                String.format("%.1f %%", 100 * perSecond / limit));
    }

    private static double millis(String wrkOutput, String percentile) {
        Matcher m = Pattern.compile(percentile + "\\s+([0-9.]+)(us|ms|s)").matcher(wrkOutput);
        assertThat(m.find()).as(wrkOutput).isTrue();
        double value = Double.parseDouble(m.group(1));
        return switch (m.group(2)) {
            case "us" -> value / 1000;
            case "s" -> value * 1000;
            default -> value;
        };
    }

    private static double number(String output, String pattern) {
        Matcher m = Pattern.compile(pattern).matcher(output);
        assertThat(m.find()).as(output).isTrue();
        return Double.parseDouble(m.group(1));
    }

    private static String run(ProcessBuilder process) throws Exception {
        Process started = process.redirectErrorStream(true).start();
        String out = new String(started.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(started.waitFor()).as(String.join(" ", process.command()) + "\n" + out).isZero();
        return out;
    }

    private static String millis(double ms) {
        return Double.isNaN(ms) ? "" : String.format("%.1f", ms);
    }

    private void report(List<Run> runs, List<String> verdict) throws IOException {
        ObjectMapper json = new ObjectMapper();
        ObjectNode result = json.createObjectNode();
        result.put("machine", Runtime.getRuntime().availableProcessors() + " cores, PostgreSQL on the same machine, durable commits; "
                + "load from pgbench and wrk, outside the ledger's JVM");
        result.put("secondsPerRun", seconds);
        ArrayNode all = result.putArray("runs");
        runs.forEach(run -> all.add((JsonNode) json.valueToTree(run)));
        verdict.forEach(result.putArray("goals")::add);
        Files.createDirectories(OUT);
        Files.writeString(OUT.resolve("external-load.json"), json.writerWithDefaultPrettyPrinter().writeValueAsString(result));
        System.out.printf("%n| %s | %s | %s | %s | %s | %s | %s |%n|---|--:|--:|--:|--:|--:|--:|%n", "what", "clients", "per second",
                "p50 ms", "p99 ms", "failed", "of the limit");
        for (Run run : runs) {
            System.out.printf("| %s | %d | %,.0f | %s | %s | %d | %s |%n", run.what(), run.clients(), run.perSecond(), millis(run.p50Ms()),
                    millis(run.p99Ms()), run.failed(), run.ofLimit());
        }
        System.out.println();
        verdict.forEach(System.out::println);
    }
}
