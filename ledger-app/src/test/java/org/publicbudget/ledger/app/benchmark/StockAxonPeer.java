package org.publicbudget.ledger.app.benchmark;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.common.jdbc.PersistenceExceptionResolver;
import org.axonframework.config.Configuration;
import org.axonframework.config.DefaultConfigurer;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventhandling.tokenstore.jdbc.JdbcTokenStore;
import org.axonframework.eventhandling.tokenstore.jdbc.PostgresTokenTableFactory;
import org.axonframework.eventhandling.tokenstore.jdbc.TokenSchema;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.eventsourcing.eventstore.jdbc.PostgresEventTableFactory;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.axonframework.serialization.json.JacksonSerializer;
import org.axonframework.spring.jdbc.SpringDataSourceConnectionProvider;
import org.axonframework.spring.messaging.unitofwork.SpringTransactionManager;
import org.publicbudget.ledger.app.support.TestPostgres;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;

/**
 * What stock Axon 4 does with the same work on the same machine, to set the ledger's
 * write rate against: Axon's own JDBC storage engine and token store on tables Axon
 * makes itself, the Jackson serializer, a tracking processor with Axon's defaults
 * feeding one projection (a row per project, updated per event), Spring's JDBC
 * transactions as Axon's Spring Boot starter sets them up, a pool of ten connections,
 * and commands sent through the in-JVM gateway — no HTTP, no security, no chain, no
 * history. A project is created with two amounts and revised one source at a time,
 * as the ledger's are.
 */
final class StockAxonPeer implements AutoCloseable {

    record CreateProject(@TargetAggregateIdentifier String projectId, String unit, BigDecimal fiscal, BigDecimal special) {
    }

    record ReviseAllocation(@TargetAggregateIdentifier String projectId, String source, BigDecimal amount, String reason) {
    }

    record ProjectCreated(String projectId, String unit, BigDecimal fiscal, BigDecimal special) {
    }

    record AllocationRevised(String projectId, String source, BigDecimal amount, BigDecimal total, String reason) {
    }

    /** The aggregate, as Axon's guide writes one. */
    static class Project {

        @AggregateIdentifier
        private String projectId;
        private BigDecimal fiscal;
        private BigDecimal special;

        Project() {
        }

        @CommandHandler
        Project(CreateProject command) {
            apply(new ProjectCreated(command.projectId(), command.unit(), command.fiscal(), command.special()));
        }

        @CommandHandler
        void handle(ReviseAllocation command) {
            if (command.amount().signum() < 0) {
                throw new IllegalArgumentException("amount must not be negative");
            }
            BigDecimal total = "FISCAL".equals(command.source()) ? command.amount().add(special) : fiscal.add(command.amount());
            apply(new AllocationRevised(projectId, command.source(), command.amount(), total, command.reason()));
        }

        @EventSourcingHandler
        void on(ProjectCreated event) {
            projectId = event.projectId();
            fiscal = event.fiscal();
            special = event.special();
        }

        @EventSourcingHandler
        void on(AllocationRevised event) {
            if ("FISCAL".equals(event.source())) {
                fiscal = event.amount();
            } else {
                special = event.amount();
            }
        }
    }

    /** The one projection: each project's total. */
    static class Totals {

        private final JdbcTemplate jdbc;

        Totals(JdbcTemplate jdbc) {
            this.jdbc = jdbc;
        }

        @EventHandler
        void on(ProjectCreated event) {
            jdbc.update("INSERT INTO peer_project_total (project_id, unit, total) VALUES (?, ?, ?)", event.projectId(), event.unit(),
                    event.fiscal().add(event.special()));
        }

        @EventHandler
        void on(AllocationRevised event) {
            jdbc.update("UPDATE peer_project_total SET total = ? WHERE project_id = ?", event.total(), event.projectId());
        }
    }

    /**
     * One measured run: commands per second, their latency, and how long the projection
     * took after the last command to show every one of them — the ledger's projection
     * keeps up, and a peer that answers quickly but shows its writes late is not faster.
     */
    record Run(int clients, double perSecond, double p50Ms, double p99Ms, long failed, double catchUpSeconds) {

        /** Commands per second counted until the projection had shown them all. */
        double shownPerSecond(int seconds) {
            return perSecond * seconds / (seconds + catchUpSeconds);
        }
    }

    private final HikariDataSource dataSource;
    private final JdbcTemplate jdbc;
    private final Configuration axon;
    private final CommandGateway commands;
    private final List<String> projects = new ArrayList<>();

    StockAxonPeer(TestPostgres.Database database) {
        HikariConfig pool = new HikariConfig();
        pool.setJdbcUrl(database.url());
        pool.setUsername(database.user());
        pool.setPassword(database.password());
        pool.setMaximumPoolSize(10);
        dataSource = new HikariDataSource(pool);
        DataSourceTransactionManager spring = new DataSourceTransactionManager(dataSource);
        SpringTransactionManager transactions = new SpringTransactionManager(spring);
        SpringDataSourceConnectionProvider connections = new SpringDataSourceConnectionProvider(dataSource);
        JacksonSerializer serializer = JacksonSerializer.defaultSerializer();
        PersistenceExceptionResolver duplicates = e -> e.getMessage() != null && e.getMessage().contains("duplicate key");
        JdbcEventStorageEngine engine = JdbcEventStorageEngine.builder().connectionProvider(connections).transactionManager(transactions)
                .eventSerializer(serializer).snapshotSerializer(serializer).persistenceExceptionResolver(duplicates).build();
        JdbcTokenStore tokens = JdbcTokenStore.builder().connectionProvider(connections).serializer(serializer)
                .schema(TokenSchema.builder().build()).build();
        jdbc = new JdbcTemplate(dataSource);
        transactions.executeInTransaction(() -> {
            engine.createSchema(PostgresEventTableFactory.INSTANCE);
            tokens.createSchema(PostgresTokenTableFactory.INSTANCE);
            jdbc.execute("CREATE TABLE peer_project_total (project_id VARCHAR(64) PRIMARY KEY, unit VARCHAR(64) NOT NULL, total NUMERIC(20, 2))");
        });
        Totals totals = new Totals(jdbc);
        axon = DefaultConfigurer.defaultConfiguration()
                .configureTransactionManager(c -> transactions)
                .configureEmbeddedEventStore(c -> engine)
                .configureSerializer(c -> serializer)
                .configureAggregate(Project.class)
                .registerComponent(org.axonframework.eventhandling.tokenstore.TokenStore.class, c -> tokens)
                .eventProcessing(processing -> processing.registerEventHandler(c -> totals))
                .buildConfiguration();
        axon.start();
        commands = axon.commandGateway();
    }

    /** Creates the projects, 40 to a unit. */
    void createProjects(int count) {
        for (int i = 0; i < count; i++) {
            String id = UUID.randomUUID().toString();
            commands.sendAndWait(new CreateProject(id, "unit-" + i % 40, new BigDecimal("10"), BigDecimal.ONE));
            projects.add(id);
        }
    }

    /** {@code clients} threads revising random projects, each waiting for its answer, for {@code seconds}. */
    Run revise(int clients, int seconds) throws InterruptedException {
        long end = System.nanoTime() + seconds * 1_000_000_000L;
        List<long[]> latencies = new ArrayList<>();
        AtomicLong failed = new AtomicLong();
        AtomicLong counter = new AtomicLong();
        List<Thread> threads = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            long[] mine = new long[2_000_000];
            latencies.add(mine);
            Thread thread = new Thread(() -> {
                int n = 0;
                while (System.nanoTime() < end && n < mine.length) {
                    String id = projects.get(ThreadLocalRandom.current().nextInt(projects.size()));
                    BigDecimal amount = new BigDecimal(counter.incrementAndGet()).movePointLeft(2);
                    long start = System.nanoTime();
                    try {
                        commands.sendAndWait(new ReviseAllocation(id, "SPECIAL", amount, "benchmark"));
                    } catch (RuntimeException e) {
                        failed.incrementAndGet();
                    }
                    mine[n++] = System.nanoTime() - start;
                }
                mine[mine.length - 1] = n;
            });
            thread.start();
            threads.add(thread);
        }
        for (Thread thread : threads) {
            thread.join();
        }
        long finished = System.nanoTime();
        long head = jdbc.queryForObject("SELECT MAX(globalIndex) FROM domainevententry", Long.class);
        StreamingEventProcessor processor = (StreamingEventProcessor) axon.eventProcessingConfiguration().eventProcessors().values()
                .iterator().next();
        while (processor.processingStatus().values().stream().anyMatch(s -> s.getCurrentPosition().orElse(-1) < head)) {
            Thread.sleep(10);
        }
        double catchUp = (System.nanoTime() - finished) / 1e9;
        long[] all = latencies.stream().flatMapToLong(l -> Arrays.stream(l, 0, (int) l[l.length - 1])).sorted().toArray();
        return new Run(clients, all.length / (double) seconds, percentile(all, 0.50), percentile(all, 0.99), failed.get(), catchUp);
    }

    private static double percentile(long[] sorted, double p) {
        return sorted.length == 0 ? Double.NaN : sorted[Math.min(sorted.length - 1, (int) (p * sorted.length))] / 1e6;
    }

    @Override
    public void close() {
        axon.shutdown();
        dataSource.close();
    }
}
