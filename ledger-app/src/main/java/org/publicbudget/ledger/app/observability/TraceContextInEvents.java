package org.publicbudget.ledger.app.observability;

import io.micrometer.tracing.Span;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.propagation.Propagator;
import java.util.HashMap;
import java.util.Map;
import org.axonframework.messaging.Message;
import org.axonframework.messaging.correlation.CorrelationDataProvider;

/**
 * The trace a command belongs to, carried into its events' metadata as W3C
 * {@code traceparent}, so that the projection's handling of those events, later and on
 * another thread, joins the same trace. Only for traces being recorded: an unsampled
 * request adds nothing to the events it causes.
 */
final class TraceContextInEvents implements CorrelationDataProvider {

    private final Tracer tracer;
    private final Propagator propagator;

    TraceContextInEvents(Tracer tracer, Propagator propagator) {
        this.tracer = tracer;
        this.propagator = propagator;
    }

    @Override
    public Map<String, ?> correlationDataFor(Message<?> message) {
        Span current = tracer.currentSpan();
        if (current == null || !Boolean.TRUE.equals(current.context().sampled())) {
            return Map.of();
        }
        Map<String, String> carrier = new HashMap<>();
        propagator.inject(current.context(), carrier, Map::put);
        return carrier;
    }
}
