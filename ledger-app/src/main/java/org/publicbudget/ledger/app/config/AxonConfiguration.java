package org.publicbudget.ledger.app.config;

import java.lang.management.ManagementFactory;
import java.sql.SQLException;
import org.axonframework.commandhandling.CommandBus;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.commandhandling.gateway.DefaultCommandGateway;
import org.axonframework.common.jdbc.PersistenceExceptionResolver;
import org.axonframework.config.AggregateConfigurer;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.common.jdbc.ConnectionProvider;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.eventsourcing.AggregateSnapshotter;
import org.axonframework.eventsourcing.EventCountSnapshotTriggerDefinition;
import org.axonframework.eventsourcing.GenericAggregateFactory;
import org.axonframework.eventsourcing.Snapshotter;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.eventhandling.tokenstore.jdbc.JdbcTokenStore;
import org.axonframework.eventhandling.tokenstore.jdbc.TokenSchema;
import org.axonframework.messaging.correlation.CorrelationDataProvider;
import org.axonframework.messaging.correlation.MessageOriginProvider;
import org.axonframework.messaging.correlation.SimpleCorrelationDataProvider;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.upcasting.event.EventUpcaster;
import org.axonframework.serialization.upcasting.event.EventUpcasterChain;
import org.publicbudget.ledger.app.api.CommandMetadata;
import org.publicbudget.ledger.domain.budget.DepartmentBudget;
import org.publicbudget.ledger.domain.project.Project;
import org.publicbudget.ledger.query.history.EventReader;
import org.publicbudget.ledger.query.totals.DepartmentSequencingPolicy;
import org.springframework.beans.factory.ObjectProvider;
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

    /**
     * The domain module knows nothing of Spring, so its aggregates are registered here
     * rather than by annotation. A project revised thousands of times would otherwise
     * be replayed event by event on every command: a snapshot every
     * {@value #EVENTS_PER_SNAPSHOT} events bounds that, and the
     * {@value #PROJECTS_IN_MEMORY} projects used last stay in memory (see
     * {@link CheckedCachingRepository}).
     */
    @Bean
    public ConfigurerModule aggregates() {
        return configurer -> configurer
                .configureAggregate(AggregateConfigurer.defaultConfiguration(Project.class)
                        .configureRepository(c -> CheckedCachingRepository.of(Project.class, c,
                                new EventCountSnapshotTriggerDefinition(projectSnapshotter(c), EVENTS_PER_SNAPSHOT),
                                new RecentlyUsed(PROJECTS_IN_MEMORY))))
                .configureAggregate(DepartmentBudget.class);
    }

    /** A few kilobytes each: 10,000 projects are tens of megabytes of heap. */
    static final int PROJECTS_IN_MEMORY = 10_000;
    static final int EVENTS_PER_SNAPSHOT = 250;

    /** Spring's snapshotter only knows aggregates declared as Spring beans; ours are plain classes. */
    private static Snapshotter projectSnapshotter(org.axonframework.config.Configuration axon) {
        return AggregateSnapshotter.builder()
                .eventStore(axon.eventStore())
                .aggregateFactories(new GenericAggregateFactory<>(Project.class))
                .transactionManager(axon.getComponent(TransactionManager.class))
                .repositoryProvider(axon::repository)
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
        return new MessageOriginProvider(CommandMetadata.CAUSATION_ID, CommandMetadata.CORRELATION_ID);
    }

    /** Copies who, why, from which request and from which document lines, from the command onto every event it causes. */
    @Bean
    public CorrelationDataProvider requestContext() {
        return new SimpleCorrelationDataProvider(CommandMetadata.ACTOR, CommandMetadata.REASON, CommandMetadata.REQUEST_ID,
                CommandMetadata.DOCUMENT, CommandMetadata.DOCUMENT_SHA256, CommandMetadata.SOURCE_LINES,
                CommandMetadata.DOCUMENT_NUMBER, CommandMetadata.EFFECTIVE_DATE);
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

    @Bean
    public LedgerNode ledgerNode(@Value("${ledger.node-id:}") String nodeId) {
        return new LedgerNode(nodeId.isBlank() ? ManagementFactory.getRuntimeMXBean().getName() : nodeId);
    }

    /** Commands that lose a race to append, without having named a version, run again (see {@link RetryLostRaces}). */
    @Bean
    public CommandGateway commandGateway(CommandBus commandBus) {
        return DefaultCommandGateway.builder().commandBus(commandBus).retryScheduler(new RetryLostRaces()).build();
    }

    /** Referred to by name from the processor settings in application.properties. */
    @Bean
    public DepartmentSequencingPolicy departmentSequencingPolicy() {
        return new DepartmentSequencingPolicy();
    }

    /** Reads the event store through the same serializer and upcasters as Axon itself. */
    @Bean
    public EventReader eventReader(JdbcTemplate jdbc, @Qualifier("eventSerializer") Serializer eventSerializer,
            ObjectProvider<EventUpcaster> upcasters) {
        return new EventReader(jdbc, eventSerializer, new EventUpcasterChain(upcasters.orderedStream().toList()));
    }
}
