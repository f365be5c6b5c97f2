package org.publicbudget.ledger.app.observability;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.observation.ObservationPredicate;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.propagation.Propagator;
import org.axonframework.commandhandling.CommandBus;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.messaging.correlation.CorrelationDataProvider;
import org.publicbudget.ledger.app.audit.verification.Verifications;
import org.publicbudget.ledger.app.operations.ProcessorStatusReader;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Metrics, traces and the trace context that joins a command to the projection of its
 * events. Tracing is off unless configured (application.properties); then the
 * tracer is a no-op and the pieces below that use it add nothing.
 */
@Configuration
public class ObservabilityConfiguration {

    /** Every command's outcome and latency, and its span; projections' spans joined to the command's trace. */
    @Bean
    public ConfigurerModule commandsAndProjectionsObserved(ObservationRegistry observations, MeterRegistry meters,
            ObjectProvider<Tracer> tracer, ObjectProvider<Propagator> propagator) {
        CommandMonitor commands = new CommandMonitor(observations, meters);
        return configurer -> {
            configurer.configureMessageMonitor(CommandBus.class, (configuration, componentType, componentName) -> commands);
            configurer.eventProcessing().registerDefaultHandlerInterceptor((configuration, processor) ->
                    new ProjectionTracing(processor, tracer.getIfAvailable(() -> Tracer.NOOP), propagator.getIfAvailable(() -> Propagator.NOOP)));
        };
    }

    /**
     * The ledger's own scheduled work (processor control twice a second, meters, table
     * statistics) is neither a request nor a command: timing it and tracing it would fill
     * the traces with thousands of empty ones a day.
     */
    @Bean
    public ObservationPredicate noScheduledTaskObservations() {
        return (name, context) -> !name.equals("tasks.scheduled.execution");
    }

    @Bean
    public CorrelationDataProvider traceContext(ObjectProvider<Tracer> tracer, ObjectProvider<Propagator> propagator) {
        return new TraceContextInEvents(tracer.getIfAvailable(() -> Tracer.NOOP), propagator.getIfAvailable(() -> Propagator.NOOP));
    }

    @Bean
    public FilterRegistrationBean<RequestLogContext> requestLogContext() {
        FilterRegistrationBean<RequestLogContext> registration = new FilterRegistrationBean<>(new RequestLogContext());
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
        return registration;
    }

    @Bean
    OperationsMeters operationsMeters(ProcessorStatusReader status, Verifications verifications, JdbcTemplate jdbc, MeterRegistry meters) {
        return new OperationsMeters(status, verifications, jdbc, meters);
    }
}
