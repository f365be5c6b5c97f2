package org.publicbudget.ledger.app.operations;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventProcessor;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.pooled.PooledStreamingEventProcessor;
import org.publicbudget.ledger.app.infrastructure.database.LedgerNode;
import org.publicbudget.ledger.query.totals.TotalsReadModel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * This node's part in rebuilds, twice a second: say it is alive; while a rebuild is
 * under way keep the totals processor stopped (and say so), afterwards start it
 * again; carry out a rebuild nobody holds — the one just requested, or one whose
 * node died; and share the segments with the other nodes. There is no Axon Server to coordinate nodes; the database does.
 */
@Component
public class ProcessorControl implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(ProcessorControl.class);

    /** Where the processor stood, sampled twice a second, for its speed of catching up. */
    record Sample(long nanos, long position) {
    }

    private final EventProcessingConfiguration processing;
    private final Rebuilds rebuilds;
    private final TotalsRebuild rebuild;
    private final ProcessorStatusReader status;
    private final LedgerNode node;
    private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> new Thread(r, "read-model-rebuild"));
    private final Deque<Sample> samples = new ArrayDeque<>();
    private Future<?> running;
    private boolean stoppedForRebuild;

    public ProcessorControl(EventProcessingConfiguration processing, Rebuilds rebuilds, TotalsRebuild rebuild,
            ProcessorStatusReader status, LedgerNode node) {
        this.processing = processing;
        this.rebuilds = rebuilds;
        this.rebuild = rebuild;
        this.status = status;
        this.node = node;
    }

    @Scheduled(fixedDelay = 500, initialDelay = 0)
    public void tick() {
        try {
            Optional<Rebuild> active = rebuilds.active(TotalsReadModel.NAME);
            EventProcessor processor = processing.eventProcessor(TotalsReadModel.NAME).orElseThrow();
            if (active.isPresent()) {
                if (processor.isRunning()) {
                    log.info("Stopping the totals processor for rebuild {}", active.get().id());
                    processor.shutDown();
                    stoppedForRebuild = true;
                }
                rebuilds.heartbeat(node.id(), active.get().id());
                takeOverIfUnheld(active.get());
            } else {
                rebuilds.heartbeat(node.id(), null);
                if (stoppedForRebuild && !processor.isRunning()) {
                    log.info("Starting the totals processor again");
                    processor.start();
                    stoppedForRebuild = false;
                }
                balance(processor);
                sample();
            }
        } catch (RuntimeException e) {
            log.warn("Processor control: {}", e.getMessage());
        }
    }

    private void takeOverIfUnheld(Rebuild active) {
        boolean busy = running != null && !running.isDone();
        if (!busy && rebuilds.leases().take(active.id(), node.id())) {
            log.info("Carrying out rebuild {} (attempt {})", active.id(), active.attempts() + 1);
            running = worker.submit(() -> rebuild.run(active.id()));
        }
    }

    /**
     * Axon lets the first node claim every segment. For the nodes to share the work,
     * a node holding more than its share (segments ÷ live nodes, rounded up) lets
     * one go for a while, and a node with fewer claims it. A node that dies leaves
     * its claims to lapse, and the others take them up again.
     */
    private void balance(EventProcessor processor) {
        if (processor instanceof PooledStreamingEventProcessor pooled && pooled.isRunning()) {
            Map<Integer, EventTrackerStatus> mine = pooled.processingStatus();
            int segments = status.segmentCount(TotalsReadModel.NAME);
            int nodes = Math.max(1, rebuilds.liveNodes());
            int share = (segments + nodes - 1) / nodes;
            if (mine.size() > share) {
                int segment = mine.keySet().stream().max(Integer::compare).orElseThrow();
                log.info("Releasing segment {} of {} for another node ({} held, share {})", segment, TotalsReadModel.NAME,
                        mine.size(), share);
                pooled.releaseSegment(segment, 15, TimeUnit.SECONDS);
            }
        }
    }

    private synchronized void sample() {
        samples.addLast(new Sample(System.nanoTime(), status.position(TotalsReadModel.NAME)));
        while (samples.size() > 10) {
            samples.removeFirst();
        }
    }

    /** Events per second the processor advanced over the last few seconds (0 when idle or unknown). */
    synchronized long eventsPerSecond() {
        if (samples.size() < 2) {
            return 0;
        }
        Sample first = samples.getFirst();
        Sample last = samples.getLast();
        long nanos = last.nanos() - first.nanos();
        return nanos <= 0 ? 0 : Math.max(0, last.position() - first.position()) * 1_000_000_000L / nanos;
    }

    @Override
    public void destroy() {
        worker.shutdownNow();
    }
}
