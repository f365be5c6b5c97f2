package org.publicbudget.ledger.app.audit.verification;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;

/**
 * A full verification asked for by an operator, as recorded in the database: its state
 * (REQUESTED, RUNNING, DONE, FAILED), its progress and, once done, its report — the same
 * report as {@code GET /api/v1/verify}, established by walking the whole store.
 */
public record VerificationRun(long id, String state, String requestedBy, Instant requestedAt, String reason, String owner, int attempts,
        Instant startedAt, Instant finishedAt, long eventsDone, long eventsTotal, long eventsPerSecond, Long etaSeconds,
        JsonNode report, String error) {

    static final String REQUESTED = "REQUESTED";
    static final String RUNNING = "RUNNING";
    static final String DONE = "DONE";
    static final String FAILED = "FAILED";

    public boolean finished() {
        return state.equals(DONE) || state.equals(FAILED);
    }
}
