package org.publicbudget.ledger.app.observability;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.ToDoubleFunction;
import org.publicbudget.ledger.app.audit.verification.VerificationRun;
import org.publicbudget.ledger.app.audit.verification.Verifications;
import org.publicbudget.ledger.app.operations.ProcessorStatus;
import org.publicbudget.ledger.app.operations.ProcessorStatusReader;
import org.publicbudget.ledger.app.operations.Rebuild;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;

/**
 * What operators watch, as gauges: each event processor's position, the head of the
 * store, the lag in events and in seconds (the age of the oldest event not yet
 * projected), the segments each node owns, and the latest rebuild's and full
 * verification's progress and outcome. Read from the shared tables every few seconds, not
 * at each scrape, so that however often Prometheus asks the database sees the same few
 * queries; any node answers for all of them.
 */
final class OperationsMeters {

    private static final Logger log = LoggerFactory.getLogger(OperationsMeters.class);

    /** One reading of everything the gauges show. */
    private record Reading(Map<String, ProcessorStatus> processors, Map<String, Double> lagSeconds, Optional<VerificationRun> verification,
            Optional<VerificationRun> lastFinished) {
    }

    private final ProcessorStatusReader status;
    private final Verifications verifications;
    private final JdbcTemplate jdbc;
    private final MeterRegistry meters;
    private final Set<String> registered = new HashSet<>();
    private final MultiGauge segmentsOwned;
    private volatile Reading reading = new Reading(Map.of(), Map.of(), Optional.empty(), Optional.empty());
    private volatile boolean databaseReachable = true;

    OperationsMeters(ProcessorStatusReader status, Verifications verifications, JdbcTemplate jdbc, MeterRegistry meters) {
        this.status = status;
        this.verifications = verifications;
        this.jdbc = jdbc;
        this.meters = meters;
        this.segmentsOwned = MultiGauge.builder("ledger.processor.segments.owned").description("Segments of the processor each node owns")
                .register(meters);
        Gauge.builder("ledger.database.reachable", this, m -> m.databaseReachable ? 1 : 0)
                .description("1 while this node's last reading of the shared tables succeeded, 0 while the database is away").register(meters);
        verificationGauge("ledger.verification.events.done", "Events the latest full verification has checked",
                VerificationRun::eventsDone);
        verificationGauge("ledger.verification.events.expected", "Events the latest full verification has to check",
                VerificationRun::eventsTotal);
        verificationGauge("ledger.verification.running", "1 while a full verification is under way", r -> r.finished() ? 0 : 1);
        // from the last finished run, so that a problem it found stays raised while the next one runs
        Gauge.builder("ledger.verification.problems", this, m -> m.reading.lastFinished().map(OperationsMeters::problem).orElse(0.0))
                .description("1 when the latest finished full verification failed, found the chain broken or read models that differ")
                .register(meters);
    }

    /** A processor's gauges, the first time it is read (processors are known once Axon has started them). */
    private void register(String name) {
        if (!registered.add(name)) {
            return;
        }
        Tags tags = Tags.of("processor", name);
        processorGauge("ledger.processor.position", "Position up to which every segment has projected the store", tags, name,
                ProcessorStatus::position);
        processorGauge("ledger.processor.head", "Position of the newest event in the store", tags, name, ProcessorStatus::head);
        processorGauge("ledger.processor.lag.events", "Events in the store not yet projected", tags, name, ProcessorStatus::lag);
        processorGauge("ledger.processor.replaying", "1 while a rebuild replays the store", tags, name, s -> s.replaying() ? 1 : 0);
        processorGauge("ledger.processor.errors", "Segments in error on the node answering, and a failed rebuild", tags, name,
                s -> s.errors().size());
        Gauge.builder("ledger.processor.lag.seconds", this, m -> m.reading.lagSeconds().getOrDefault(name, Double.NaN))
                .description("Age of the oldest event not yet projected, 0 when caught up").tags(tags).baseUnit("seconds").register(meters);
        rebuildGauge("ledger.rebuild.events.done", "Events the latest rebuild has replayed", tags, name, Rebuild::eventsDone);
        rebuildGauge("ledger.rebuild.events.expected", "Events the latest rebuild has to replay", tags, name, Rebuild::eventsTotal);
        rebuildGauge("ledger.rebuild.running", "1 while a rebuild is under way", tags, name, r -> r.finished() ? 0 : 1);
        rebuildGauge("ledger.rebuild.failed", "1 when the latest rebuild failed (nothing was switched)", tags, name,
                r -> r.state().equals("FAILED") ? 1 : 0);
    }

    @Scheduled(fixedDelayString = "${ledger.metrics.read-every:PT5S}")
    void read() {
        try {
            Map<String, ProcessorStatus> processors = new HashMap<>();
            Map<String, Double> lagSeconds = new HashMap<>();
            List<MultiGauge.Row<?>> owned = new ArrayList<>();
            for (String name : status.names()) {
                register(name);
                ProcessorStatus now = status.status(name, 0);
                processors.put(name, now);
                lagSeconds.put(name, lagSeconds(now));
                Map<String, Integer> byNode = new HashMap<>();
                now.segments().forEach(segment -> byNode.merge(segment.owner() == null ? "none" : segment.owner(), 1, Integer::sum));
                byNode.forEach((node, count) -> owned.add(MultiGauge.Row.of(Tags.of("processor", name, "node", node), count)));
            }
            segmentsOwned.register(owned, true);
            reading = new Reading(processors, lagSeconds, verifications.latest(), verifications.latestFinished());
            databaseReachable = true;
        } catch (RuntimeException e) {
            // the database away: the gauges keep their last reading, and this one says so
            databaseReachable = false;
            log.debug("Reading the operations meters: {}", e.getMessage());
        }
    }

    private double lagSeconds(ProcessorStatus processor) {
        if (processor.lag() == 0) {
            return 0;
        }
        return jdbc.query("SELECT timeStamp FROM domainevententry WHERE globalIndex > ? ORDER BY globalIndex LIMIT 1",
                        (rs, i) -> rs.getString(1), processor.position()).stream().findFirst()
                .map(oldest -> Math.max(0, Duration.between(Instant.parse(oldest), Instant.now()).toMillis() / 1000.0)).orElse(0.0);
    }

    private static double problem(VerificationRun run) {
        if (run.state().equals("FAILED") || run.report() == null) {
            return 1;
        }
        return run.report().path("chainIntact").asBoolean(false) && run.report().path("readModelsMatch").asBoolean(false) ? 0 : 1;
    }

    private void processorGauge(String name, String description, Tags tags, String processor,
            ToDoubleFunction<ProcessorStatus> value) {
        Gauge.builder(name, this, m -> Optional.ofNullable(m.reading.processors().get(processor)).map(value::applyAsDouble).orElse(Double.NaN))
                .description(description).tags(tags).register(meters);
    }

    private void rebuildGauge(String name, String description, Tags tags, String processor,
            ToDoubleFunction<Rebuild> value) {
        Gauge.builder(name, this, m -> Optional.ofNullable(m.reading.processors().get(processor)).map(ProcessorStatus::rebuild)
                .map(value::applyAsDouble).orElse(0.0)).description(description).tags(tags).register(meters);
    }

    private void verificationGauge(String name, String description, ToDoubleFunction<VerificationRun> value) {
        Gauge.builder(name, this, m -> m.reading.verification().map(value::applyAsDouble).orElse(0.0)).description(description)
                .register(meters);
    }
}
