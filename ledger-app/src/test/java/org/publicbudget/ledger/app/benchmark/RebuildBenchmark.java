package org.publicbudget.ledger.app.benchmark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventProcessor;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.junit.jupiter.api.Test;
import org.publicbudget.ledger.app.operations.Rebuild;
import org.publicbudget.ledger.app.operations.Rebuilds;
import org.publicbudget.ledger.app.support.SyntheticBudgets;
import org.publicbudget.ledger.app.support.TestDeployment;
import org.publicbudget.ledger.app.support.TestPostgres;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * How fast the totals read model is rebuilt from 1,000,000 events (100,000 projects
 * of 10 events), beside how fast plain SQL reads the same rows in the same pages, on
 * PostgreSQL. Run on demand: {@code ./mvnw -pl ledger-app -am -Pbenchmark verify
 * -Dtest=RebuildBenchmark}; {@code -Dbenchmark.projects=10000} for a quick look;
 * {@code -Dbenchmark.projects=1000 -Dbenchmark.eventsPerProject=200} for one department
 * of 200,000 events (1,000 projects a department), which a proof must not hold in memory;
 * {@code -Dbenchmark.rounds=N} adds N revisions to every project, one project after another
 * (a year's revisions interleave: every page of the replay moves most projects again).
 * Prints a table and writes {@code target/benchmarks/rebuild.json}.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE, properties = "ledger.seed.enabled=false")
class RebuildBenchmark {

    private static final TestPostgres.Database DATABASE = TestPostgres.freshSchema();
    private static final int PAGE = 5_000;

    @DynamicPropertySource
    static void deployment(DynamicPropertyRegistry registry) {
        TestDeployment.configure(registry, DATABASE, DATABASE::url);
    }

    @Autowired
    private EventStorageEngine store;

    @Autowired
    private TransactionTemplate transaction;

    @Autowired
    private JdbcTemplate jdbc;

    @Autowired
    private Rebuilds rebuilds;

    @Autowired
    private ObjectMapper json;

    @Autowired
    private EventProcessingConfiguration processing;

    @Test
    void rebuildTheTotalsFromAMillionEvents() throws Exception {
        int projects = Integer.getInteger("benchmark.projects", 100_000);
        // measured alone: the live processor would otherwise work through the new events meanwhile
        processing.eventProcessor("totals").ifPresent(EventProcessor::shutDown);
        long generating = System.nanoTime();
        int eventsPerProject = Integer.getInteger("benchmark.eventsPerProject", 10);
        SyntheticBudgets budgets = new SyntheticBudgets(store, transaction);
        long events = budgets.append(projects, eventsPerProject);
        events += budgets.reviseInTurn(projects, eventsPerProject, Integer.getInteger("benchmark.rounds", 0));
        double generatedSeconds = (System.nanoTime() - generating) / 1e9;

        long reading = System.nanoTime();
        long read = plainSqlRead();
        double readSeconds = (System.nanoTime() - reading) / 1e9;

        long rebuildId = rebuilds.request("totals", "benchmark", null).orElseThrow().id();
        long rebuilding = System.nanoTime();
        Rebuild done = await().atMost(Duration.ofMinutes(30)).pollInterval(Duration.ofMillis(250))
                .until(() -> rebuilds.find("totals", rebuildId).orElseThrow(), Rebuild::finished);
        double rebuildSeconds = (System.nanoTime() - rebuilding) / 1e9;

        assertThat(done.state()).as(String.valueOf(done.error())).isEqualTo("DONE");
        assertThat(done.proof().get("matchesEvents").asBoolean()).isTrue();
        assertThat(read).isEqualTo(events);
        double replaySeconds = done.proof().get("replaySeconds").asDouble();
        ObjectNode result = json.createObjectNode();
        result.put("events", events);
        result.put("projects", projects);
        result.put("generatedEventsPerSecond", Math.round(events / generatedSeconds));
        result.put("plainSqlReadEventsPerSecond", Math.round(read / readSeconds));
        result.put("replayEventsPerSecond", Math.round(events / replaySeconds));
        result.put("proofEventsPerSecond", Math.round(events / done.proof().get("proofSeconds").asDouble()));
        result.put("rebuildEventsPerSecond", Math.round(events / rebuildSeconds));
        result.put("rebuildSeconds", rebuildSeconds);
        result.put("rowsWritten", done.proof().get("rowsWritten").asLong());
        result.put("maxHeapMiB", Runtime.getRuntime().maxMemory() >> 20);
        Path out = Path.of("target", "benchmarks", "rebuild.json");
        Files.createDirectories(out.getParent());
        Files.writeString(out, json.writerWithDefaultPrettyPrinter().writeValueAsString(result));
        System.out.printf("%nRebuild of the totals read model, %,d events (%,d projects, %d rounds of revisions in turn)%n", events, projects,
                Integer.getInteger("benchmark.rounds", 0));
        System.out.printf("  plain SQL read, pages of %,d    %,10d events/s%n", PAGE, result.get("plainSqlReadEventsPerSecond").asLong());
        System.out.printf("  replay into the new copy       %,10d events/s%n", result.get("replayEventsPerSecond").asLong());
        System.out.printf("  proof against the events         %,10d events/s%n", result.get("proofEventsPerSecond").asLong());
        System.out.printf("  whole rebuild, request → DONE  %,10d events/s  (%.1f s, %,d rows written)%n",
                result.get("rebuildEventsPerSecond").asLong(), rebuildSeconds, result.get("rowsWritten").asLong());
        System.out.printf("  (generating the events: %,d events/s)%n%n", result.get("generatedEventsPerSecond").asLong());
    }

    /** The same rows as the replay reads, in the same pages, as bytes: the floor under any replay. */
    private long plainSqlRead() {
        long position = -1;
        long count = 0;
        while (true) {
            long[] last = {position, 0};
            jdbc.query("SELECT globalIndex, type, aggregateIdentifier, sequenceNumber, eventIdentifier, timeStamp, payloadType, "
                    + "payloadRevision, payload, metaData FROM domainevententry WHERE globalIndex > ? ORDER BY globalIndex LIMIT ?", rs -> {
                        last[0] = rs.getLong(1);
                        rs.getBytes(9);
                        rs.getBytes(10);
                        last[1]++;
                    }, position, PAGE);
            count += last[1];
            position = last[0];
            if (last[1] < PAGE) {
                return count;
            }
        }
    }
}
