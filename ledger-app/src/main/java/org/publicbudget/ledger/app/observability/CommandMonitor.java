package org.publicbudget.ledger.app.observability;

import io.micrometer.common.KeyValue;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import java.util.Objects;
import java.util.function.BiConsumer;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.common.lock.LockAcquisitionFailedException;
import org.axonframework.eventsourcing.IncompatibleAggregateException;
import org.axonframework.messaging.Message;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.axonframework.modelling.command.ConflictingModificationException;
import org.axonframework.monitoring.MessageMonitor;
import org.publicbudget.ledger.domain.BudgetRuleViolation;
import org.publicbudget.ledger.domain.EventMetadata;
import org.publicbudget.ledger.domain.project.api.NoSuchIndicator;

/**
 * Every command the command bus handles, as one observation: a timer
 * {@code ledger.command} by command and outcome for Prometheus, and a span for the trace
 * of the request that sent it, with its correlation and request ids. A monitor rather
 * than a handler interceptor, because a command's outcome is known only after its unit
 * of work commits: a lost race to append shows at the commit.
 */
final class CommandMonitor implements MessageMonitor<Message<?>> {

    /** What became of a command. */
    enum Outcome {
        /** Handled: committed, or left to the caller's transaction (an import, a batch, a transfer), which may still roll it back. */
        ACCEPTED,
        /** Refused by a budget rule (422), nothing appended. */
        REFUSED,
        /** Its project, or its indicator, does not exist (404). */
        NOT_FOUND,
        /** It named a version the project has moved past, or the project stayed locked by another command (409). */
        CONFLICT,
        /** Another command appended to the same project first; retried unless it ran in a caller's transaction. */
        LOST_RACE,
        /** Anything else: the database away, a fault. */
        FAILED;

        String tag() {
            return name().toLowerCase();
        }
    }

    private final ObservationRegistry observations;
    private final MeterRegistry meters;

    CommandMonitor(ObservationRegistry observations, MeterRegistry meters) {
        this.observations = observations;
        this.meters = meters;
    }

    @Override
    public MonitorCallback onMessageIngested(Message<?> command) {
        String type = command instanceof CommandMessage<?> named ? named.getCommandName() : command.getPayloadType().getName();
        String name = type.substring(type.lastIndexOf('.') + 1);
        if (command.getMetaData().containsKey(EventMetadata.BATCH_ID)) {
            return timedOnly(name);
        }
        Observation observation = Observation.createNotStarted("ledger.command", observations)
                .contextualName("command")
                .lowCardinalityKeyValue("command", name)
                .highCardinalityKeyValue("correlation.id", Objects.toString(command.getMetaData().get(EventMetadata.CORRELATION_ID), ""))
                .highCardinalityKeyValue("request.id", Objects.toString(command.getMetaData().get(EventMetadata.REQUEST_ID), ""))
                .start();
        // the bus handles the command on this thread; the append and the events' trace context happen inside this scope
        Observation.Scope scope = observation.openScope();
        return ending((outcome, cause) -> {
            observation.lowCardinalityKeyValue(KeyValue.of("outcome", outcome.tag()));
            if (outcome == Outcome.FAILED && cause != null) {
                observation.error(cause);
            }
            scope.close();
            observation.stop();
        });
    }

    /**
     * A command of a batch: timed and counted like any other, but no span of its own — a
     * batch of 10,000 would otherwise be 10,000 spans under one request; the request's span
     * and the batch's one append stand for them in the trace. Its timer has the tags an
     * observation's has (its low-cardinality values and "error"), so that both are one metric.
     */
    private MonitorCallback timedOnly(String name) {
        Timer.Sample sample = Timer.start(meters);
        return ending((outcome, cause) -> {
            String error = outcome == Outcome.FAILED && cause != null ? cause.getClass().getSimpleName() : "none";
            sample.stop(Timer.builder("ledger.command").tags("command", name, "outcome", outcome.tag(), "error", error).register(meters));
        });
    }

    /** A callback that ends the measurement with the command's outcome, and the failure when there was one. */
    private static MonitorCallback ending(BiConsumer<Outcome, Throwable> end) {
        return new MonitorCallback() {
            @Override
            public void reportSuccess() {
                end.accept(Outcome.ACCEPTED, null);
            }

            @Override
            public void reportFailure(Throwable cause) {
                end.accept(outcomeOf(cause), cause);
            }

            @Override
            public void reportIgnored() {
                end.accept(Outcome.FAILED, null);
            }
        };
    }

    static Outcome outcomeOf(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof BudgetRuleViolation) {
                return Outcome.REFUSED;
            }
            if (cause instanceof AggregateNotFoundException || cause instanceof IncompatibleAggregateException
                    || cause instanceof NoSuchIndicator) {
                return Outcome.NOT_FOUND;
            }
            if (cause instanceof ConflictingModificationException || cause instanceof LockAcquisitionFailedException) {
                return Outcome.CONFLICT;
            }
            if (cause instanceof ConcurrencyException || cause instanceof AggregateStreamCreationException) {
                return Outcome.LOST_RACE;
            }
            if (cause == cause.getCause()) {
                break;
            }
        }
        return Outcome.FAILED;
    }
}
