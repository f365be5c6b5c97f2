package org.publicbudget.ledger.app.infrastructure.axon;

import io.micrometer.core.instrument.MeterRegistry;
import java.lang.management.ManagementFactory;
import java.sql.SQLException;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.axonframework.commandhandling.CommandBus;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.commandhandling.gateway.DefaultCommandGateway;
import org.axonframework.common.caching.Cache;
import org.axonframework.common.jdbc.ConnectionProvider;
import org.axonframework.common.jdbc.PersistenceExceptionResolver;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.config.AggregateConfigurer;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.eventhandling.tokenstore.jdbc.JdbcTokenStore;
import org.axonframework.eventhandling.tokenstore.jdbc.TokenSchema;
import org.axonframework.eventsourcing.AggregateSnapshotter;
import org.axonframework.eventsourcing.EventCountSnapshotTriggerDefinition;
import org.axonframework.eventsourcing.GenericAggregateFactory;
import org.axonframework.eventsourcing.Snapshotter;
import org.axonframework.eventsourcing.snapshotting.RevisionSnapshotFilter;
import org.axonframework.messaging.correlation.CorrelationDataProvider;
import org.axonframework.messaging.correlation.MessageOriginProvider;
import org.axonframework.messaging.correlation.SimpleCorrelationDataProvider;
import org.axonframework.serialization.Revision;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.upcasting.event.EventUpcasterChain;
import org.publicbudget.ledger.app.infrastructure.database.LedgerNode;
import org.publicbudget.ledger.domain.EventMetadata;
import org.publicbudget.ledger.domain.budget.DepartmentBudgetAggregate;
import org.publicbudget.ledger.domain.project.ProjectAggregate;
import org.publicbudget.ledger.query.history.EventReader;
import org.publicbudget.ledger.query.totals.DepartmentSequencingPolicy;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Axon on our own database, without Axon Server. Axon's JDBC auto-configuration
 * supplies the event storage engine and token store on the Flyway-made tables;
 * this class adds what it cannot guess.
 */
@Configuration
public class AxonConfiguration {

    /** A few kilobytes each: 10,000 projects are tens of megabytes of heap. */
    static final int PROJECTS_IN_MEMORY = 10_000;
    public static final int EVENTS_PER_SNAPSHOT = 250;

    /**
     * The domain module knows nothing of Spring, and its aggregates are not public, so
     * they are registered here by the types their packages hand out. A project revised
     * thousands of times would otherwise be replayed event by event on every command: a
     * snapshot every {@value #EVENTS_PER_SNAPSHOT} events bounds that, taken after the
     * command's commit on a thread of its own (never on the request's), and the
     * {@value #PROJECTS_IN_MEMORY} projects used last stay in memory (see
     * {@link CheckedCachingRepository}). A snapshot is of the aggregate's shape at its
     * {@code @Revision}; one of another shape is passed over and the aggregate rebuilt
     * from its events.
     */
    @Bean
    public ConfigurerModule aggregates(ExecutorService snapshotThread, @Qualifier("projectsInMemory") Cache projectsInMemory) {
        return configurer -> configurer
                .configureAggregate(cachedWithSnapshots(ProjectAggregate.type(), snapshotThread, projectsInMemory))
                .configureAggregate(withSnapshotsOfItsShape(AggregateConfigurer.defaultConfiguration(DepartmentBudgetAggregate.type())));
    }

    /** A thread that takes snapshots after their commands have committed; a backlog is bounded, older requests win. */
    @Bean(destroyMethod = "shutdownNow")
    public ExecutorService snapshotThread() {
        return new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS, new ArrayBlockingQueue<>(1_000), runnable -> {
            Thread thread = new Thread(runnable, "snapshots");
            thread.setDaemon(true);
            return thread;
        }, new ThreadPoolExecutor.DiscardPolicy());
    }

    /** The projects used last, {@value #PROJECTS_IN_MEMORY} at most. */
    @Bean
    @Qualifier("projectsInMemory")
    public Cache projectsInMemory() {
        return new RecentlyUsed(PROJECTS_IN_MEMORY);
    }

    private static <T> AggregateConfigurer<T> cachedWithSnapshots(Class<T> type, Executor snapshotThread, Cache cache) {
        return withSnapshotsOfItsShape(AggregateConfigurer.defaultConfiguration(type)
                .configureRepository(c -> CheckedCachingRepository.of(type, c,
                        new EventCountSnapshotTriggerDefinition(snapshotter(c, type, snapshotThread), EVENTS_PER_SNAPSHOT), cache)));
    }

    /**
     * Snapshots name their aggregate by its simple name ("Project"), as the event store
     * does; a filter given the class would match no snapshot and let every shape through.
     */
    private static <T> AggregateConfigurer<T> withSnapshotsOfItsShape(AggregateConfigurer<T> aggregate) {
        Class<T> type = aggregate.aggregateType();
        Revision shape = Objects.requireNonNull(type.getAnnotation(Revision.class), type + " must declare the @Revision of its shape");
        return aggregate.configureSnapshotFilter(c -> RevisionSnapshotFilter.builder().type(type.getSimpleName())
                .revision(shape.value()).build());
    }

    /** Spring's snapshotter only knows aggregates declared as Spring beans; ours are plain classes. */
    private static <T> Snapshotter snapshotter(org.axonframework.config.Configuration axon, Class<T> type, Executor snapshotThread) {
        return AggregateSnapshotter.builder()
                .eventStore(axon.eventStore())
                .aggregateFactories(new GenericAggregateFactory<>(type))
                .transactionManager(axon.getComponent(TransactionManager.class))
                .repositoryProvider(axon::repository)
                .executor(snapshotThread)
                .build();
    }

    /**
     * A unique-key violation on append is another writer that got to the same
     * aggregate sequence first: Axon must see it as a concurrency conflict (and the
     * client as 409), not as a generic storage failure. 23505 is the SQLSTATE for
     * it on PostgreSQL and H2 alike.
     */
    @Bean
    public PersistenceExceptionResolver persistenceExceptionResolver() {
        return exception -> {
            for (Throwable cause = exception; cause != null; cause = cause.getCause()) {
                if (cause instanceof SQLException sql && "23505".equals(sql.getSQLState())) {
                    return true;
                }
            }
            return false;
        };
    }

    /**
     * Declaring any provider replaces Axon's default one, so the origin provider is
     * declared again: every event keeps the command that caused it (causationId) and
     * the client's correlation id (correlationId, or the request id when none was sent).
     */
    @Bean
    public CorrelationDataProvider messageOrigin() {
        return new MessageOriginProvider(EventMetadata.CAUSATION_ID, EventMetadata.CORRELATION_ID);
    }

    /** Copies who, why, from which request, document lines and batch, from the command onto every event it causes. */
    @Bean
    public CorrelationDataProvider requestContext() {
        return new SimpleCorrelationDataProvider(EventMetadata.ACTOR, EventMetadata.REASON, EventMetadata.REQUEST_ID,
                EventMetadata.DOCUMENT, EventMetadata.DOCUMENT_SHA256, EventMetadata.SOURCE_LINES,
                EventMetadata.DOCUMENT_NUMBER, EventMetadata.EFFECTIVE_DATE, EventMetadata.BATCH_ID);
    }

    /**
     * Nodes share event processing by claiming segments in the token table. Each claim
     * names its node ({@code ledger.node-id}, by default the process and host), so that
     * several nodes — also on one host — never take each other's claims for their own.
     */
    @Bean
    public TokenStore tokenStore(ConnectionProvider connections, Serializer serializer, LedgerNode node) {
        return JdbcTokenStore.builder()
                .connectionProvider(connections)
                .serializer(serializer)
                .schema(TokenSchema.builder().build())
                .nodeId(node.id())
                .build();
    }

    /**
     * This running ledger's name among the nodes: the configured one, or process@host with
     * a few random characters, so that two ledgers in one process (a test's two
     * application contexts on one database) are two nodes, never one holding a lease twice.
     */
    @Bean
    public LedgerNode ledgerNode(@Value("${ledger.node-id:}") String nodeId) {
        return new LedgerNode(nodeId.isBlank()
                ? ManagementFactory.getRuntimeMXBean().getName() + "-" + UUID.randomUUID().toString().substring(0, 4) : nodeId);
    }

    /** Commands that lose a race to append, without having named a version, run again (see {@link RetryLostRaces}). */
    @Bean
    public CommandGateway commandGateway(CommandBus commandBus, MeterRegistry meters) {
        return DefaultCommandGateway.builder().commandBus(commandBus).retryScheduler(new RetryLostRaces(meters)).build();
    }

    /** Referred to by name from the processor settings in application.properties. */
    @Bean
    public DepartmentSequencingPolicy departmentSequencingPolicy() {
        return new DepartmentSequencingPolicy();
    }

    /** Reads the event store through the same serializer and upcasters as Axon itself. */
    @Bean
    public EventReader eventReader(JdbcTemplate jdbc, @Qualifier("eventSerializer") Serializer eventSerializer,
            EventUpcasterChain eventUpcasters) {
        return new EventReader(jdbc, eventSerializer, eventUpcasters);
    }
}
