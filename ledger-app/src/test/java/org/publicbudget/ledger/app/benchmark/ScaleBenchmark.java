package org.publicbudget.ledger.app.benchmark;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventProcessor;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.junit.jupiter.api.Test;
import org.publicbudget.ledger.app.LedgerApplication;
import org.publicbudget.ledger.app.support.Api;
import org.publicbudget.ledger.app.support.LedgerProcess;
import org.publicbudget.ledger.app.support.StandbyPair;
import org.publicbudget.ledger.app.support.SyntheticBudgets;
import org.publicbudget.ledger.app.support.TestDeployment;
import org.publicbudget.ledger.app.support.TestPostgres;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The read side at a province's scale. Synthetic budgets in the seed's shape (20 events
 * a project: created, 4 indicators, 11 revisions, 3 payments and a mid-year result; 50 projects a unit, 20 units a
 * department; and one department with ten projects of 5,000 revisions each) are appended
 * straight into the store, hash chain included, up to 100,000, 1,000,000 and 10,000,000
 * events. At each size the ledger — the packaged jar, its own JVM — catches up, and every
 * GET endpoint is measured alone (one client), then with 8 concurrent readers (80 reads a
 * second together, each endpoint in turn) while 8 writers revise allocations (50 a
 * second together) — {@code -Dbenchmark.readRate=0} or {@code writeRate=0} for as fast
 * as they can, which measures the two cores' queue more than the reads — all over HTTP
 * from this JVM. Also: how soon a write shows to a reader that names no
 * position, and the store's size on disk.
 *
 * <p>With {@code -Dbenchmark.standby=true} the store lives on a primary with a synchronous
 * streaming standby of the benchmark's own ({@link StandbyPair}), and the reads under load
 * are measured twice at each size: all served by the primary, then with the node sending
 * them to the standby ({@code LEDGER_REPLICA_URL}). The primary's commits wait for the
 * standby to apply them ({@code -Dbenchmark.standbyCommit=remote_apply}, the default) or
 * only to write them to disk ({@code on}). Both servers share this machine's
 * cores, so this measures what the routing costs and keeps, not what a second machine adds.
 *
 * <p>On demand: {@code ./mvnw -pl ledger-app -am -Pbenchmark verify -Dtest=ScaleBenchmark}
 * ({@code -Dbenchmark.sizes=100000,1000000}, {@code -Dbenchmark.seconds=60} per size).
 * Prints a table and writes {@code target/benchmarks/scale.json}.
 */
class ScaleBenchmark {

    private static final int EVENTS_PER_PROJECT = 20;
    private static final int HOT_PROJECTS = 10;
    private static final int HOT_REVISIONS = 5_000;
    private static final int READERS = Integer.getInteger("benchmark.readers", 8);
    private static final int WRITERS = Integer.getInteger("benchmark.writers", 8);
    /** Writes per second the writers send together: a busy finance system's steady load, not a flood (see Speed for floods). */
    private static final int WRITE_RATE = Integer.getInteger("benchmark.writeRate", 50);
    /** Reads per second the readers send together: several auditors and a reporting system at work. */
    private static final int READ_RATE = Integer.getInteger("benchmark.readRate", 80);
    private static final Path OUT = Path.of("target", "benchmarks");
    private static final boolean STANDBY = Boolean.getBoolean("benchmark.standby");

    private final ObjectMapper json = new ObjectMapper();
    private final Duration each = Duration.ofSeconds(Integer.getInteger("benchmark.seconds", 60));
    private int projects;
    private int projectsAtMiddle;
    private Instant middle;
    private Instant stepStarted;

    @Test
    void everyReadCostsWhatItReturns() throws Exception {
        List<Long> sizes = Arrays.stream(System.getProperty("benchmark.sizes", "100000,1000000,10000000").split(","))
                .map(String::strip).map(Long::parseLong).toList();
        StandbyPair pair = STANDBY ? StandbyPair.start(System.getProperty("benchmark.standbyCommit", "remote_apply")) : null;
        TestPostgres.Database database = STANDBY ? pair.database() : TestPostgres.freshSchema();
        JdbcTemplate jdbc = new JdbcTemplate(new DriverManagerDataSource(database.url(), database.user(), database.password()));
        ArrayNode results = json.createArrayNode();
        LedgerProcess ledger = null;
        try {
            for (long size : sizes) {
                stepStarted = Instant.now();
                if (ledger != null) {
                    ledger.stop();
                }
                long appendStarted = System.nanoTime();
                long events = growTo(database, size, jdbc);
                double appendSeconds = (System.nanoTime() - appendStarted) / 1e9;
                long catchUpStarted = System.nanoTime();
                ledger = new LedgerProcess(database, "scale").start(Duration.ofHours(2));
                Api api = ledger.api();
                long head = jdbc.queryForObject("SELECT MAX(globalIndex) FROM domainevententry", Long.class);
                while (api.get(TestDeployment.AUDITOR, "/api/v1/departments?limit=1&minPosition=" + head).status() != 200) {
                    Thread.sleep(1000);
                }
                double catchUpSeconds = (System.nanoTime() - catchUpStarted) / 1e9;
                long verifyStarted = System.nanoTime();
                // a store filled behind the ledger's back is verified 50,000 events a step; measure once that is done
                while (api.get(TestDeployment.AUDITOR, "/api/v1/verify").body().get("unverifiedEvents").asLong() > 0) {
                    Thread.sleep(1000);
                }
                double verifySeconds = (System.nanoTime() - verifyStarted) / 1e9;
                ObjectNode result = results.addObject();
                result.put("events", events);
                result.put("projects", projects);
                result.put("appendSeconds", appendSeconds);
                result.put("catchUpSeconds", catchUpSeconds);
                result.put("verifySeconds", verifySeconds);
                result.set("disk", disk(jdbc, database.schema()));
                result.put("hostCommitsPerSecond", commitsPerSecond(database));
                result.set("freshness", freshness(api));
                result.set("alone", alone(api));
                result.set("reads", measure(api));
                if (pair != null) {
                    ledger.stop();
                    ledger = new LedgerProcess(database, "scale").with(Map.of("LEDGER_REPLICA_URL", pair.standbyUrl()))
                            .start(Duration.ofHours(2));
                    api = ledger.api();
                    result.put("standbyServes", api.get(TestDeployment.AUDITOR, "/api/v1/departments?limit=1").headers()
                            .firstValue("Ledger-Read-From").orElse("nobody"));
                    result.set("readsFromStandby", measure(api));
                }
                System.out.println(table(result));
                Files.createDirectories(OUT);
                json.writerWithDefaultPrettyPrinter().writeValue(OUT.resolve("scale.json").toFile(), results);
            }
        } finally {
            if (ledger != null) {
                ledger.stop();
            }
            if (pair != null) {
                pair.close();
            }
        }
    }

    /** Appends synthetic budgets until the store holds {@code size} events; the moment half-way is kept for as-of reads. */
    private long growTo(TestPostgres.Database database, long size, JdbcTemplate jdbc) {
        try (ConfigurableApplicationContext generator = new SpringApplicationBuilder(LedgerApplication.class).web(WebApplicationType.NONE)
                .run("--spring.datasource.url=" + database.url(), "--spring.datasource.username=" + database.user(),
                        "--spring.datasource.password=" + database.password(), "--spring.flyway.schemas=" + database.schema(),
                        "--ledger.seed.enabled=false", "--ledger.node-id=generator", "--ledger.verification.every=PT1H",
                        "--logging.level.root=WARN")) {
            generator.getBean(EventProcessingConfiguration.class).eventProcessor("totals").ifPresent(EventProcessor::shutDown);
            SyntheticBudgets budgets = new SyntheticBudgets(generator.getBean(EventStorageEngine.class),
                    generator.getBean(TransactionTemplate.class));
            long events = jdbc.queryForObject("SELECT COUNT(*) FROM domainevententry", Long.class);
            if (events == 0) {
                // one department of ten projects with long histories, for deep trail pages
                budgets.append(0, HOT_PROJECTS, EVENTS_PER_PROJECT);
                for (int p = 0; p < HOT_PROJECTS; p++) {
                    budgets.revise(p, EVENTS_PER_PROJECT, HOT_REVISIONS);
                }
                projects = 1_000;
                events = jdbc.queryForObject("SELECT COUNT(*) FROM domainevententry", Long.class);
            }
            int wanted = (int) ((size - events) / EVENTS_PER_PROJECT);
            int half = wanted / 2;
            budgets.append(projects, half, EVENTS_PER_PROJECT);
            middle = Instant.now();
            projectsAtMiddle = projects + half;
            budgets.append(projects + half, wanted - half, EVENTS_PER_PROJECT);
            projects += wanted;
        }
        return jdbc.queryForObject("SELECT COUNT(*) FROM domainevententry", Long.class);
    }

    /**
     * What the host's PostgreSQL does right now: one-row inserts, one commit each, one
     * client, for 5 s. The machine is a virtual one whose speed varies with its host;
     * read every figure beside this one.
     */
    private static long commitsPerSecond(TestPostgres.Database database) throws Exception {
        try (java.sql.Connection connection = java.sql.DriverManager.getConnection(database.url(), database.user(), database.password())) {
            connection.createStatement().execute("CREATE TABLE IF NOT EXISTS host_limit (id BIGSERIAL PRIMARY KEY, payload BYTEA)");
            connection.setAutoCommit(false);
            java.sql.PreparedStatement insert = connection.prepareStatement("INSERT INTO host_limit (payload) VALUES (?)");
            byte[] payload = new byte[600];
            long commits = 0;
            long end = System.nanoTime() + 5_000_000_000L;
            while (System.nanoTime() < end) {
                insert.setBytes(1, payload);
                insert.executeUpdate();
                connection.commit();
                commits++;
            }
            connection.createStatement().execute("DROP TABLE host_limit");
            connection.commit();
            return commits / 5;
        }
    }

    /** Bytes of the schema's tables with their indexes: the event store, its chain, the read models. */
    private ObjectNode disk(JdbcTemplate jdbc, String schema) {
        ObjectNode disk = json.createObjectNode();
        Map<String, Long> byTable = new LinkedHashMap<>();
        jdbc.query("SELECT c.relname, pg_total_relation_size(c.oid) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
                + "WHERE n.nspname = ? AND c.relkind = 'r' ORDER BY 2 DESC", rs -> {
                    byTable.put(rs.getString(1), rs.getLong(2));
                }, schema);
        long store = byTable.getOrDefault("domainevententry", 0L) + byTable.getOrDefault("event_chain", 0L)
                + byTable.getOrDefault("snapshotevententry", 0L);
        long total = byTable.values().stream().mapToLong(Long::longValue).sum();
        disk.put("eventStoreMiB", store >> 20);
        disk.put("readModelsMiB", (total - store) >> 20);
        disk.put("totalMiB", total >> 20);
        ObjectNode tables = disk.putObject("tablesMiB");
        byTable.forEach((name, bytes) -> tables.put(name, bytes >> 20));
        return disk;
    }

    /** How long a write takes to show to a reader that names no position: a revision, then its unit's trail until it lists it. */
    private ObjectNode freshness(Api api) throws Exception {
        List<Long> micros = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            int p = randomProject();
            Api.Response revised = revise(api, p);
            long answered = System.nanoTime();
            long position = revised.body().get("position").asLong();
            String unit = SyntheticBudgets.unitId(p / 50);
            while (true) {
                JsonNode steps = api.get(TestDeployment.AUDITOR, "/api/v1/units/" + unit + "/trail?limit=1&after=" + (position - 1)).body()
                        .get("steps");
                if (steps.size() == 1 && steps.get(0).get("position").asLong() == position) {
                    break;
                }
                Thread.sleep(0, 200_000);
            }
            micros.add((System.nanoTime() - answered) / 1_000);
            Thread.sleep(20);
        }
        return percentiles(micros, micros.size());
    }

    /** Every GET endpoint by itself: one reader, nothing else running — what a read costs, without waiting for a core. */
    private ObjectNode alone(Api api) {
        Map<String, Supplier<String>> endpoints = endpoints();
        ObjectNode alone = json.createObjectNode();
        endpoints.forEach((name, path) -> {
            for (int i = 0; i < 20; i++) {
                api.get(TestDeployment.AUDITOR, path.get());
            }
            List<Long> micros = new ArrayList<>();
            for (int i = 0; i < 50; i++) {
                long started = System.nanoTime();
                api.get(TestDeployment.AUDITOR, path.get());
                micros.add((System.nanoTime() - started) / 1_000);
            }
            alone.set(name, percentiles(micros, micros.size()));
        });
        return alone;
    }

    /** Every GET endpoint under 8 readers and 8 writers; p50 and p99 per endpoint. */
    private ObjectNode measure(Api api) throws Exception {
        Map<String, Supplier<String>> endpoints = endpoints();
        Map<String, ConcurrentLinkedQueue<Long>> latencies = new ConcurrentHashMap<>();
        Map<String, AtomicLong> errors = new ConcurrentHashMap<>();
        endpoints.keySet().forEach(name -> {
            latencies.put(name, new ConcurrentLinkedQueue<>());
            errors.put(name, new AtomicLong());
        });
        AtomicLong writes = new AtomicLong();
        AtomicLong writeErrors = new AtomicLong();
        AtomicBoolean measuring = new AtomicBoolean();
        AtomicBoolean running = new AtomicBoolean(true);
        ExecutorService pool = Executors.newFixedThreadPool(READERS + WRITERS);
        List<Future<?>> work = new ArrayList<>();
        List<String> names = new ArrayList<>(endpoints.keySet());
        long readEveryNanos = READ_RATE <= 0 ? 0 : 1_000_000_000L * READERS / READ_RATE;
        long writeEveryNanos = WRITE_RATE <= 0 ? 0 : 1_000_000_000L * WRITERS / WRITE_RATE;
        for (int r = 0; r < READERS; r++) {
            int offset = r;
            work.add(pool.submit(() -> {
                int i = offset;
                long next = System.nanoTime();
                while (running.get()) {
                    next = pace(next, readEveryNanos);
                    String name = names.get(i++ % names.size());
                    long started = System.nanoTime();
                    int status = api.get(TestDeployment.AUDITOR, endpoints.get(name).get()).status();
                    long micros = (System.nanoTime() - started) / 1_000;
                    if (measuring.get()) {
                        if (status == 200) {
                            latencies.get(name).add(micros);
                        } else {
                            errors.get(name).incrementAndGet();
                        }
                    }
                }
                return null;
            }));
        }
        for (int w = 0; w < WRITERS; w++) {
            work.add(pool.submit(() -> {
                long next = System.nanoTime();
                while (running.get()) {
                    next = pace(next, writeEveryNanos);
                    int status = revise(api, randomProject()).status();
                    if (measuring.get()) {
                        (status == 200 ? writes : writeErrors).incrementAndGet();
                    }
                }
                return null;
            }));
        }
        Thread.sleep(Math.min(20_000, each.toMillis() / 3));
        measuring.set(true);
        long started = System.nanoTime();
        Thread.sleep(each.toMillis());
        measuring.set(false);
        double seconds = (System.nanoTime() - started) / 1e9;
        running.set(false);
        for (Future<?> task : work) {
            task.get(2, TimeUnit.MINUTES);
        }
        pool.shutdown();
        ObjectNode reads = json.createObjectNode();
        endpoints.keySet().forEach(name -> {
            ObjectNode one = percentiles(new ArrayList<>(latencies.get(name)), latencies.get(name).size());
            one.put("errors", errors.get(name).get());
            reads.set(name, one);
        });
        ObjectNode writers = reads.putObject("(writes: allocation revisions)");
        writers.put("count", writes.get());
        writers.put("perSecond", Math.round(writes.get() / seconds));
        writers.put("errors", writeErrors.get());
        return reads;
    }

    /** What each reader asks for, with a random department, unit or project of the synthetic ledger each time. */
    private Map<String, Supplier<String>> endpoints() {
        String asOf = middle.toString();
        String from = stepStarted.toString();
        Map<String, Supplier<String>> endpoints = new LinkedHashMap<>();
        endpoints.put("departments (page of 100)", () -> "/api/v1/departments?limit=100");
        endpoints.put("department", () -> "/api/v1/departments/" + department());
        endpoints.put("department's units", () -> "/api/v1/departments/" + department() + "/units");
        endpoints.put("units (page of 100)", () -> "/api/v1/units?limit=100");
        endpoints.put("unit", () -> "/api/v1/units/" + unit());
        endpoints.put("unit's projects", () -> "/api/v1/units/" + unit() + "/projects");
        endpoints.put("project", () -> "/api/v1/projects/" + SyntheticBudgets.projectId(randomProject()));
        endpoints.put("departments as of (page of 100)", () -> "/api/v1/departments?limit=100&asOf=" + asOf);
        endpoints.put("department as of", () -> "/api/v1/departments/" + departmentAtMiddle() + "?asOf=" + asOf);
        endpoints.put("units as of (page of 100)", () -> "/api/v1/units?limit=100&asOf=" + asOf);
        endpoints.put("department's units as of", () -> "/api/v1/departments/" + departmentAtMiddle() + "/units?asOf=" + asOf);
        endpoints.put("unit's projects as of", () -> "/api/v1/units/" + SyntheticBudgets.unitId(projectAtMiddle() / 50)
                + "/projects?asOf=" + asOf);
        endpoints.put("project as of", () -> "/api/v1/projects/" + SyntheticBudgets.projectId(projectAtMiddle()) + "?asOf=" + asOf);
        endpoints.put("project trail", () -> "/api/v1/projects/" + SyntheticBudgets.projectId(randomProject()) + "/trail");
        endpoints.put("project trail, one source", () -> "/api/v1/projects/" + SyntheticBudgets.projectId(randomProject())
                + "/trail?fundingSource=FISCAL_APPROPRIATION");
        endpoints.put("long project trail, page of 100 at random", () -> "/api/v1/projects/"
                + SyntheticBudgets.projectId(ThreadLocalRandom.current().nextInt(HOT_PROJECTS)) + "/trail?limit=100&after=" + afterWithin(0));
        endpoints.put("indicator trail", () -> "/api/v1/projects/" + SyntheticBudgets.projectId(randomProject()) + "/indicators/1/trail");
        endpoints.put("unit trail, first page of 100", () -> "/api/v1/units/" + unit() + "/trail?limit=100");
        endpoints.put("long unit trail, page of 100 at random", () -> "/api/v1/units/" + SyntheticBudgets.unitId(0)
                + "/trail?limit=100&after=" + afterWithin(0));
        endpoints.put("department trail, first page of 100", () -> "/api/v1/departments/" + department() + "/trail?limit=100");
        endpoints.put("department trail, page of 100 at random", () -> {
            int department = randomDepartment();
            return "/api/v1/departments/" + SyntheticBudgets.departmentId(department) + "/trail?limit=100&after=" + afterWithin(department);
        });
        endpoints.put("department trail as of, page of 100", () -> "/api/v1/departments/" + departmentAtMiddle()
                + "/trail?limit=100&asOf=" + asOf);
        endpoints.put("changes between two moments (page of 100)", () -> "/api/v1/departments/" + department() + "/changes?limit=100&from="
                + from + "&to=" + Instant.now());
        endpoints.put("project trail, spent", () -> "/api/v1/projects/" + SyntheticBudgets.projectId(randomProject()) + "/trail?figure=spent");
        endpoints.put("unit trail, spent, first page of 100", () -> "/api/v1/units/" + unit() + "/trail?figure=spent&limit=100");
        endpoints.put("department trail, spent, first page of 100", () -> "/api/v1/departments/" + department()
                + "/trail?figure=spent&limit=100");
        endpoints.put("indicator results", () -> "/api/v1/projects/" + SyntheticBudgets.projectId(randomProject()) + "/indicators/1/results");
        endpoints.put("self-evaluation (1,000 projects)", () -> "/api/v1/departments/" + department() + "/self-evaluation");
        endpoints.put("self-evaluation CSV as of", () -> "/api/v1/departments/" + departmentAtMiddle() + "/self-evaluation?format=csv&asOf="
                + asOf);
        endpoints.put("export CSV (1,000 projects)", () -> "/api/v1/departments/" + department() + "/export?format=csv");
        endpoints.put("export CSV as of", () -> "/api/v1/departments/" + departmentAtMiddle() + "/export?format=csv&asOf=" + asOf);
        endpoints.put("verify", () -> "/api/v1/verify");
        return endpoints;
    }

    /**
     * A position somewhere in a department's history: the store holds the hot department's
     * events first, then each ordinary department's thousand projects one after another.
     */
    private static long afterWithin(int department) {
        long hot = HOT_PROJECTS * (EVENTS_PER_PROJECT + (long) HOT_REVISIONS);
        long first = department == 0 ? 0 : hot + (department - 1) * 1_000L * EVENTS_PER_PROJECT;
        long length = department == 0 ? hot : 1_000L * EVENTS_PER_PROJECT;
        return first + ThreadLocalRandom.current().nextLong(length);
    }

    private int randomDepartment() {
        return ThreadLocalRandom.current().nextInt(projects / 1_000);
    }

    private String department() {
        return SyntheticBudgets.departmentId(randomDepartment());
    }

    /** A unit of an ordinary department, or the hot department's one unit. */
    private String unit() {
        int unit = ThreadLocalRandom.current().nextInt(projects / 50 - 19);
        return SyntheticBudgets.unitId(unit == 0 ? 0 : unit + 19);
    }

    /** A project of the ordinary departments (not the ten with long histories). */
    private int randomProject() {
        return 1_000 + ThreadLocalRandom.current().nextInt(projects - 1_000);
    }

    /** A project (not of the hot department) that existed at the moment half-way through the last growth. */
    private int projectAtMiddle() {
        return 1_000 + ThreadLocalRandom.current().nextInt(projectsAtMiddle - 1_000);
    }

    /** A department that existed then: as-of reads of later ones are 404s, not measurements. */
    private String departmentAtMiddle() {
        return SyntheticBudgets.departmentId(projectAtMiddle() / 1_000);
    }

    /** Waits for the moment {@code next} (none when {@code every} is 0) and says when the one after it is. */
    private static long pace(long next, long every) throws InterruptedException {
        long wait = next - System.nanoTime();
        if (wait > 0) {
            Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
        }
        return next + every;
    }

    private static Api.Response revise(Api api, int p) {
        String amount = ThreadLocalRandom.current().nextInt(1, 10_000_000) + "." + ThreadLocalRandom.current().nextInt(10, 100);
        return api.post(TestDeployment.WRITER, "/api/v1/projects/" + SyntheticBudgets.projectId(p) + "/allocation-revisions",
                "{\"fundingSource\":\"SPECIAL_ACCOUNT\",\"amount\":\"" + amount + "\",\"reason\":\"预算调整\"}");
    }

    private ObjectNode percentiles(List<Long> micros, long count) {
        micros.sort(Long::compare);
        ObjectNode result = json.createObjectNode();
        result.put("count", count);
        result.put("p50Ms", micros.isEmpty() ? 0 : micros.get(micros.size() / 2) / 1000.0);
        result.put("p99Ms", micros.isEmpty() ? 0 : micros.get(Math.min(micros.size() - 1, (int) (micros.size() * 0.99))) / 1000.0);
        return result;
    }

    private static String rate(int perSecond) {
        return perSecond <= 0 ? "unpaced" : Integer.toString(perSecond);
    }

    private static String table(ObjectNode result) {
        StringBuilder out = new StringBuilder(String.format("%n%,d events, %,d projects: appended in %.0f s, caught up in %.0f s, "
                        + "chain verified %.0f s later; on disk %,d MiB (event store %,d, read models %,d)%n", result.get("events").asLong(),
                result.get("projects").asLong(), result.get("appendSeconds").asDouble(), result.get("catchUpSeconds").asDouble(),
                result.get("verifySeconds").asDouble(), result.get("disk").get("totalMiB").asLong(),
                result.get("disk").get("eventStoreMiB").asLong(), result.get("disk").get("readModelsMiB").asLong()));
        JsonNode fresh = result.get("freshness");
        out.append(String.format("host: %,d one-row commits/s (PostgreSQL, one client)%n", result.get("hostCommitsPerSecond").asLong()));
        out.append(String.format("a write seen by a reader naming no position: p50 %.1f ms, p99 %.1f ms%n", fresh.get("p50Ms").asDouble(),
                fresh.get("p99Ms").asDouble()));
        out.append(String.format("%-45s %15s   %-32s%n", "", "alone", "under load (" + READERS + " readers, " + rate(READ_RATE) + " reads/s; "
                + WRITERS + " writers, " + rate(WRITE_RATE) + " writes/s)"));
        out.append(String.format("%-45s %7s %7s   %8s %7s %7s %6s%n", "read", "p50 ms", "p99 ms", "count", "p50 ms", "p99 ms", "errors"));
        result.get("reads").fields().forEachRemaining(e -> {
            JsonNode r = e.getValue();
            if (r.has("p50Ms")) {
                JsonNode a = result.get("alone").get(e.getKey());
                out.append(String.format("%-45s %7.1f %7.1f   %,8d %7.1f %7.1f %6d%n", e.getKey(), a.get("p50Ms").asDouble(),
                        a.get("p99Ms").asDouble(), r.get("count").asLong(), r.get("p50Ms").asDouble(), r.get("p99Ms").asDouble(),
                        r.get("errors").asLong()));
            } else {
                out.append(String.format("%-45s %,8d %,7d/s %7d%n", e.getKey(), r.get("count").asLong(), r.get("perSecond").asLong(),
                        r.get("errors").asLong()));
            }
        });
        if (result.has("readsFromStandby")) {
            out.append(String.format("%nthe same load, reads sent to the standby (answers said: %s)%n", result.get("standbyServes").asText()));
            out.append(String.format("%-45s %17s   %17s%n", "read", "primary p50/p99", "standby p50/p99"));
            result.get("readsFromStandby").fields().forEachRemaining(e -> {
                JsonNode standby = e.getValue();
                JsonNode primary = result.get("reads").get(e.getKey());
                if (standby.has("p50Ms")) {
                    out.append(String.format("%-45s %7.1f / %7.1f   %7.1f / %7.1f   errors %d%n", e.getKey(), primary.get("p50Ms").asDouble(),
                            primary.get("p99Ms").asDouble(), standby.get("p50Ms").asDouble(), standby.get("p99Ms").asDouble(),
                            standby.get("errors").asLong()));
                } else {
                    out.append(String.format("%-45s %,13d/s   %,13d/s%n", e.getKey(), primary.get("perSecond").asLong(),
                            standby.get("perSecond").asLong()));
                }
            });
        }
        return out.toString();
    }
}
