package org.publicbudget.ledger.app.operations;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;

/**
 * One rebuild of a read model, as recorded in the database: the request, its state,
 * its progress and, once done, its proof.
 *
 * <p>States: REQUESTED, STOPPING (waiting for every node to stop its processor),
 * REPLAYING (the events into the new copy), PROVING (the new copy against the events),
 * WRITING (the switch to it), DONE (switched), FAILED (nothing switched).
 */
public record Rebuild(long id, String processor, String state, String requestedBy, Instant requestedAt, String reason,
        String owner, int attempts, Instant startedAt, Instant finishedAt, long eventsDone, long eventsTotal,
        long eventsPerSecond, Long etaSeconds, Long position, JsonNode proof, String error) {

    static final String REQUESTED = "REQUESTED";
    static final String STOPPING = "STOPPING";
    static final String REPLAYING = "REPLAYING";
    static final String PROVING = "PROVING";
    static final String WRITING = "WRITING";
    static final String DONE = "DONE";
    static final String FAILED = "FAILED";

    public boolean finished() {
        return state.equals(DONE) || state.equals(FAILED);
    }
}
