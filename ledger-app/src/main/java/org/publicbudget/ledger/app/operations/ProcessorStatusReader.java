package org.publicbudget.ledger.app.operations;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventProcessor;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.pooled.PooledStreamingEventProcessor;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.SimpleSerializedObject;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Reads a processor's state from the token table, which every node shares, so any
 * node answers for all of them. Only errors are local: a node knows its own.
 */
@Component
public class ProcessorStatusReader {

    private final JdbcTemplate jdbc;
    private final Serializer serializer;
    private final EventProcessingConfiguration processing;
    private final Rebuilds rebuilds;

    public ProcessorStatusReader(JdbcTemplate jdbc, Serializer serializer, EventProcessingConfiguration processing, Rebuilds rebuilds) {
        this.jdbc = jdbc;
        this.serializer = serializer;
        this.processing = processing;
        this.rebuilds = rebuilds;
    }

    public List<String> names() {
        return processing.eventProcessors().keySet().stream().sorted().toList();
    }

    public boolean exists(String name) {
        return processing.eventProcessors().containsKey(name);
    }

    public ProcessorStatus status(String name, long recentEventsPerSecond) {
        List<ProcessorStatus.SegmentStatus> segments = segments(name);
        long head = jdbc.queryForObject("SELECT COALESCE(MAX(globalIndex), 0) FROM domainevententry", Long.class);
        long position = position(segments);
        long lag = Math.max(0, head - position);
        Rebuild rebuild = rebuilds.latest(name).orElse(null);
        boolean replaying = rebuild != null && !rebuild.finished();
        long perSecond = replaying ? rebuild.eventsPerSecond() : recentEventsPerSecond;
        Long eta = replaying ? rebuild.etaSeconds() : lag == 0 ? Long.valueOf(0) : perSecond > 0 ? Long.valueOf(lag / perSecond) : null;
        EventProcessor processor = processing.eventProcessors().get(name);
        List<String> errors = new ArrayList<>();
        if (processor instanceof PooledStreamingEventProcessor pooled) {
            for (EventTrackerStatus tracker : pooled.processingStatus().values()) {
                if (tracker.isErrorState()) {
                    errors.add("segment " + tracker.getSegment().getSegmentId() + ": " + tracker.getError());
                }
            }
        }
        if (rebuild != null && rebuild.error() != null) {
            errors.add("rebuild " + rebuild.id() + ": " + rebuild.error());
        }
        return new ProcessorStatus(name, position, head, lag, replaying, !replaying && lag == 0, processor != null && processor.isRunning(),
                activeCopy(name), segments, perSecond, eta, errors, rebuild);
    }

    /** The copy of the processor's read model that readers see. */
    private String activeCopy(String name) {
        return jdbc.queryForList("SELECT active FROM read_model_copy WHERE read_model = ?", String.class, name).stream().findFirst().orElse(null);
    }

    /** The lowest position all segments have reached. */
    long position(String name) {
        return position(segments(name));
    }

    int segmentCount(String name) {
        return jdbc.queryForObject("SELECT COUNT(*) FROM tokenentry WHERE processorName = ?", Integer.class, name);
    }

    private static long position(List<ProcessorStatus.SegmentStatus> segments) {
        return segments.stream().mapToLong(s -> s.position() == null ? 0 : s.position()).min().orElse(0);
    }

    private List<ProcessorStatus.SegmentStatus> segments(String name) {
        return jdbc.query("SELECT segment, owner, timestamp, token, tokenType FROM tokenentry WHERE processorName = ? ORDER BY segment",
                (rs, i) -> new ProcessorStatus.SegmentStatus(rs.getInt(1), rs.getString(2),
                        rs.getString(2) == null ? null : Instant.parse(rs.getString(3)), position(rs.getBytes(4), rs.getString(5))),
                name);
    }

    private Long position(byte[] token, String type) {
        if (token == null || type == null) {
            return null;
        }
        TrackingToken tracking = serializer.deserialize(new SimpleSerializedObject<>(token, byte[].class, type, null));
        return tracking.position().isPresent() ? tracking.position().getAsLong() : null;
    }
}
