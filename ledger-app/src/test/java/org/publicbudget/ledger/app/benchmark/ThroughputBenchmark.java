package org.publicbudget.ledger.app.benchmark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.junit.jupiter.api.Test;
import org.publicbudget.ledger.app.imports.Seed;
import org.publicbudget.ledger.app.support.Api;
import org.publicbudget.ledger.app.support.SyntheticBudgets;
import org.publicbudget.ledger.app.support.TestDeployment;
import org.publicbudget.ledger.app.support.TestPostgres;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The ledger's speed beside the machine's own limit, on PostgreSQL, over real HTTP:
 * commands at 1, 8 and 32 clients; the same concurrency of single-row inserts, one
 * commit each, with plain JDBC into an event-shaped table (and batched inserts); the
 * import of documents; trail pages and as-of reads under write load; memory. On
 * demand: {@code ./mvnw -pl ledger-app -am -Pbenchmark verify -Dtest=ThroughputBenchmark}
 * ({@code -Dbenchmark.seconds=N} per run, default 20). Writes
 * {@code target/benchmarks/throughput.json} and {@code throughput.png}, prints a table.
 * The load generator runs in the same JVM as the ledger: heap and RSS include it.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "ledger.seed.enabled=false")
class ThroughputBenchmark {

    private static final TestPostgres.Database DATABASE = TestPostgres.freshSchema();
    private static final int[] CLIENTS = {1, 8, 32};
    private static final int PROJECTS = 2_000;
    private static final Path OUT = Path.of("target", "benchmarks");

    /** One measured run: operations done by {@code clients} concurrent clients, their rate and latency. */
    record Run(String what, int clients, long operations, long perSecond, double p50Ms, double p99Ms, long errors) {
    }

    @DynamicPropertySource
    static void deployment(DynamicPropertyRegistry registry) {
        TestDeployment.configure(registry, DATABASE, DATABASE::url);
    }

    @LocalServerPort
    private int port;

    @Autowired
    private EventStorageEngine store;

    @Autowired
    private TransactionTemplate transaction;

    @Autowired
    private ObjectMapper json;

    private final Duration each = Duration.ofSeconds(Integer.getInteger("benchmark.seconds", 20));
    private final AtomicLong amounts = new AtomicLong(1_000);
    private final List<Connection> connections = new CopyOnWriteArrayList<>();
    private Api api;

    @Test
    void commandsReadsAndImportsAgainstTheLimitOfTheMachine() throws Exception {
        api = new Api(port, TestDeployment.PASSWORDS);
        List<Run> runs = new ArrayList<>();
        try (Connection setup = connect()) {
            setup.createStatement().execute("CREATE TABLE bench_event (global_index BIGSERIAL PRIMARY KEY, aggregate_id VARCHAR(255) NOT NULL, "
                    + "sequence_number BIGINT NOT NULL, payload BYTEA NOT NULL, UNIQUE (aggregate_id, sequence_number))");
        }
        byte[] payload = new byte[600];
        for (int clients : CLIENTS) {
            runs.add(measure("limit: insert + commit", clients, limitPerClient(clients, payload)));
        }
        runs.add(measure("limit: inserts, 1,000 per commit (rows)", 1, batchedInserts(payload), 1_000));

        new SyntheticBudgets(store, transaction).append(PROJECTS, 2);
        awaitReadModel();
        for (int clients : CLIENTS) {
            runs.add(measure("command: allocation revision", clients, () -> () -> revise(randomProject())));
        }
        for (int size : new int[] {100, 1_000}) {
            runs.add(measure("batch of " + String.format("%,d", size) + " revisions (revisions)", 1, () -> () -> batch(size), size));
        }
        runs.add(importDocuments());
        runs.addAll(readsUnderWriteLoad());

        ObjectNode result = json.createObjectNode();
        result.put("machine", Runtime.getRuntime().availableProcessors() + " cores, PostgreSQL on the same machine, durable commits");
        result.put("secondsPerRun", each.toSeconds());
        ArrayNode all = result.putArray("runs");
        runs.forEach(run -> all.add(json.valueToTree(run)));
        ObjectNode memory = result.putObject("memory");
        memory.put("peakHeapMiB", peakHeap() >> 20);
        memory.put("peakRssMiB", rss("VmHWM") >> 10);
        memory.put("maxHeapMiB", Runtime.getRuntime().maxMemory() >> 20);
        Files.createDirectories(OUT);
        Files.writeString(OUT.resolve("throughput.json"), json.writerWithDefaultPrettyPrinter().writeValueAsString(result));
        ThroughputChart.write(runs, OUT.resolve("throughput.png"));
        print(runs, memory);
        for (Connection connection : connections) {
            connection.close();
        }
        assertThat(runs).allMatch(run -> run.operations() > 0).allMatch(run -> run.errors() == 0);
    }

    /** Each client its own connection (as the limit, not a pool, would allow) and its own stream of events. */
    private Callable<Callable<Boolean>> limitPerClient(int clients, byte[] payload) {
        return () -> {
            Connection connection = connect();
            PreparedStatement insert = connection.prepareStatement(
                    "INSERT INTO bench_event (aggregate_id, sequence_number, payload) VALUES (?, ?, ?)");
            connection.setAutoCommit(false);
            String aggregate = "limit-" + clients + "-" + Thread.currentThread().getId() + "-" + System.nanoTime();
            long[] sequence = {0};
            return () -> {
                insert.setString(1, aggregate);
                insert.setLong(2, sequence[0]++);
                insert.setBytes(3, payload);
                insert.executeUpdate();
                connection.commit();
                return true;
            };
        };
    }

    private Callable<Callable<Boolean>> batchedInserts(byte[] payload) {
        return () -> {
            Connection connection = connect();
            connection.setAutoCommit(false);
            PreparedStatement insert = connection.prepareStatement(
                    "INSERT INTO bench_event (aggregate_id, sequence_number, payload) VALUES (?, ?, ?)");
            String aggregate = "batched-" + System.nanoTime();
            long[] sequence = {0};
            return () -> {
                for (int i = 0; i < 1_000; i++) {
                    insert.setString(1, aggregate);
                    insert.setLong(2, sequence[0]++);
                    insert.setBytes(3, payload);
                    insert.addBatch();
                }
                insert.executeBatch();
                connection.commit();
                return true;
            };
        };
    }

    private boolean revise(String projectId) {
        long n = amounts.incrementAndGet();
        return api.post(TestDeployment.WRITER, "/api/v1/projects/" + projectId + "/allocation-revisions",
                "{\"fundingSource\":\"SPECIAL_ACCOUNT\",\"amount\":\"" + n + ".01\",\"reason\":\"benchmark\"}").status() == 200;
    }

    /** A batch of {@code size} allocation revisions on projects at random, all or nothing. */
    private boolean batch(int size) {
        StringBuilder commands = new StringBuilder();
        for (int i = 0; i < size; i++) {
            commands.append(i == 0 ? "" : ",").append("{\"type\":\"ALLOCATION_REVISION\",\"projectId\":\"").append(randomProject())
                    .append("\",\"fundingSource\":\"SPECIAL_ACCOUNT\",\"amount\":\"").append(amounts.incrementAndGet())
                    .append(".01\",\"reason\":\"benchmark\"}");
        }
        return api.post(TestDeployment.WRITER, "/api/v1/batches", "{\"commands\":[" + commands + "]}").status() == 200;
    }

    private static String randomProject() {
        return SyntheticBudgets.projectId(ThreadLocalRandom.current().nextInt(PROJECTS));
    }

    /** Ten documents in the seed's format, one after the other: 60 projects each. */
    private Run importDocuments() {
        long started = System.nanoTime();
        long[] latencies = new long[10];
        int errors = 0;
        for (int i = 0; i < latencies.length; i++) {
            long one = System.nanoTime();
            Api.Response imported = api.postText(TestDeployment.WRITER, "/api/v1/imports?fiscalYear=" + (2030 + i)
                    + "&documentName=bench-" + i + ".txt", Seed.text());
            latencies[i] = System.nanoTime() - one;
            errors += imported.status() == 200 ? 0 : 1;
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        Arrays.sort(latencies);
        return new Run("import: projects per second (60 per document)", 1, 600, Math.round(600 / seconds),
                latencies[5] / 1e6, latencies[9] / 1e6, errors);
    }

    /**
     * A trail page of 100 steps, and a project as of a date, each read while 8 clients
     * keep revising; the trail page also alone, to tell its own cost from the wait for a core.
     */
    private List<Run> readsUnderWriteLoad() throws Exception {
        String hot = SyntheticBudgets.projectId(0);
        for (int i = 0; i < 150; i++) {
            revise(hot);
        }
        Run alone = measure("read alone: trail page of 100 steps", 1, () -> () -> trailPage(hot));
        AtomicBoolean stop = new AtomicBoolean();
        ExecutorService writers = Executors.newFixedThreadPool(8);
        for (int w = 0; w < 8; w++) {
            writers.submit(() -> {
                while (!stop.get()) {
                    revise(randomProject());
                }
                return null;
            });
        }
        String today = LocalDate.now(ZoneOffset.UTC).toString();
        try {
            return List.of(alone,
                    measure("read under load: trail page of 100 steps", 1, () -> () -> trailPage(hot)),
                    measure("read under load: project as of a date", 1, () -> () ->
                            api.get(TestDeployment.AUDITOR, "/api/v1/projects/" + randomProject() + "?asOf=" + today).status() == 200));
        } finally {
            stop.set(true);
            writers.shutdown();
        }
    }

    private boolean trailPage(String projectId) {
        return api.get(TestDeployment.AUDITOR, "/api/v1/projects/" + projectId + "/trail?limit=100").status() == 200;
    }

    private Run measure(String what, int clients, Callable<Callable<Boolean>> client) throws Exception {
        return measure(what, clients, client, 1);
    }

    /**
     * Runs {@code clients} clients, each with its own operation, for the run's length; times
     * every operation. Each operation counts as {@code units} (rows, revisions) in the rate.
     */
    private Run measure(String what, int clients, Callable<Callable<Boolean>> client, int units) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        long deadline = System.nanoTime() + each.toNanos();
        List<Future<long[]>> results = new ArrayList<>();
        AtomicLong errors = new AtomicLong();
        for (int c = 0; c < clients; c++) {
            results.add(pool.submit(() -> {
                Callable<Boolean> operation = client.call();
                long[] latencies = new long[1024];
                int n = 0;
                while (System.nanoTime() < deadline) {
                    long started = System.nanoTime();
                    boolean ok;
                    try {
                        ok = operation.call();
                    } catch (Exception e) {
                        ok = false;
                    }
                    if (!ok) {
                        errors.incrementAndGet();
                    }
                    if (n == latencies.length) {
                        latencies = Arrays.copyOf(latencies, n * 2);
                    }
                    latencies[n++] = System.nanoTime() - started;
                }
                return Arrays.copyOf(latencies, n);
            }));
        }
        long[] all = new long[0];
        for (Future<long[]> result : results) {
            long[] one = result.get();
            long[] merged = Arrays.copyOf(all, all.length + one.length);
            System.arraycopy(one, 0, merged, all.length, one.length);
            all = merged;
        }
        pool.shutdown();
        Arrays.sort(all);
        long perSecond = Math.round((long) all.length * units / (double) each.toSeconds());
        return new Run(what, clients, (long) all.length * units, perSecond, all.length == 0 ? 0 : all[all.length / 2] / 1e6,
                all.length == 0 ? 0 : all[(int) (all.length * 0.99)] / 1e6, errors.get());
    }

    private void awaitReadModel() {
        await().atMost(Duration.ofMinutes(10)).pollInterval(Duration.ofSeconds(1)).until(() ->
                api.get(TestDeployment.OPERATOR, "/api/v1/ops/processors/totals").body().get("caughtUp").asBoolean());
    }

    private Connection connect() throws SQLException {
        Connection connection = DriverManager.getConnection(DATABASE.url(), DATABASE.user(), DATABASE.password());
        connections.add(connection);
        return connection;
    }

    private static long peakHeap() {
        return ManagementFactory.getMemoryPoolMXBeans().stream().filter(pool -> pool.getType() == MemoryType.HEAP)
                .mapToLong(pool -> pool.getPeakUsage().getUsed()).sum();
    }

    /** A figure in kB from /proc/self/status (Linux): VmHWM is the peak resident set. */
    private static long rss(String field) throws Exception {
        return Files.readAllLines(Path.of("/proc/self/status")).stream().filter(line -> line.startsWith(field + ":"))
                .map(line -> Long.parseLong(line.replaceAll("[^0-9]", ""))).findFirst().orElse(0L);
    }

    private static void print(List<Run> runs, ObjectNode memory) {
        System.out.printf("%n%-48s %7s %9s %10s %9s %9s %7s%n", "", "clients", "ops", "ops/s", "p50 ms", "p99 ms", "errors");
        Map<Integer, Long> limit = new HashMap<>();
        runs.stream().filter(r -> r.what().startsWith("limit: insert")).forEach(r -> limit.put(r.clients(), r.perSecond()));
        for (Run run : runs) {
            String ratio = run.what().startsWith("command") && limit.containsKey(run.clients())
                    ? String.format("  = %.0f%% of the limit", 100.0 * run.perSecond() / limit.get(run.clients())) : "";
            System.out.printf("%-48s %7d %9d %10d %9.1f %9.1f %7d%s%n", run.what(), run.clients(), run.operations(), run.perSecond(),
                    run.p50Ms(), run.p99Ms(), run.errors(), ratio);
        }
        System.out.printf("memory: peak heap %d MiB (of %d), peak RSS %d MiB%n%n", memory.get("peakHeapMiB").asLong(),
                memory.get("maxHeapMiB").asLong(), memory.get("peakRssMiB").asLong());
    }
}
