package org.publicbudget.ledger.query.proof;

import java.util.List;

/**
 * What re-walking the event store found. {@code chainIntact} is false when any event
 * was altered, deleted, reordered, inserted outside the ledger, or when the chain or a
 * checkpoint no longer matches; {@code readModelsMatch} is false when a figure the
 * read models show differs from the same figure recomputed from the events alone.
 */
public record VerificationReport(long eventsChecked, long streamsChecked, boolean chainIntact, List<Problem> problems,
        boolean readModelsMatch) {

    /** One finding, naming the event (aggregate and sequence) or figure it is about. */
    public record Problem(String kind, String aggregateId, Long sequence, String message) {
    }
}
