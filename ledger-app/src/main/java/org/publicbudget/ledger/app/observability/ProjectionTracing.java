package org.publicbudget.ledger.app.observability;

import io.micrometer.tracing.Span;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.propagation.Propagator;
import java.util.Objects;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.InterceptorChain;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.publicbudget.ledger.domain.EventMetadata;

/**
 * A read model's handling of an event, as a span in the trace of the command that
 * appended it (its {@code traceparent}, see {@link TraceContextInEvents}). Events without
 * one — most of them, at the usual sampling — are handled with nothing added.
 */
final class ProjectionTracing implements MessageHandlerInterceptor<EventMessage<?>> {

    private final String processor;
    private final Tracer tracer;
    private final Propagator propagator;

    ProjectionTracing(String processor, Tracer tracer, Propagator propagator) {
        this.processor = processor;
        this.tracer = tracer;
        this.propagator = propagator;
    }

    @Override
    public Object handle(UnitOfWork<? extends EventMessage<?>> unitOfWork, InterceptorChain chain) throws Exception {
        EventMessage<?> event = unitOfWork.getMessage();
        if (!event.getMetaData().containsKey("traceparent")) {
            return chain.proceed();
        }
        Span span = propagator.extract(event.getMetaData(), (metadata, key) -> Objects.toString(metadata.get(key), null))
                .name("projection " + processor).tag("processor", processor).tag("event", event.getPayloadType().getSimpleName())
                .tag("correlation.id", Objects.toString(event.getMetaData().get(EventMetadata.CORRELATION_ID), ""))
                .kind(Span.Kind.CONSUMER).start();
        try (Tracer.SpanInScope scope = tracer.withSpan(span)) {
            return chain.proceed();
        } catch (Exception | Error e) {
            span.error(e);
            throw e;
        } finally {
            span.end();
        }
    }
}
