package org.publicbudget.ledger.query.proof;

import java.time.Instant;
import java.util.List;

/**
 * What verification of the event store found, up to {@code verifiedUpTo}.
 * {@code chainIntact} is false when any event was altered, deleted, reordered, inserted
 * outside the ledger, or when the chain or a checkpoint no longer matches;
 * {@code readModelsMatch} is false when a figure the read models show differs from the
 * same figure recomputed from the events alone (null until a full verification or a
 * rebuild has checked them). {@code checkedNow} events were checked by this request;
 * {@code unverifiedEvents} remain for the next one.
 */
public record VerificationReport(long eventsChecked, long streamsChecked, boolean chainIntact, List<Problem> problems,
        Boolean readModelsMatch, long verifiedUpTo, long checkedNow, long unverifiedEvents, Instant readModelsCheckedAt,
        Long fullVerification, Instant fullVerificationFinishedAt) {

    /** One finding, naming the event (aggregate and sequence) or figure it is about. */
    public record Problem(String kind, String aggregateId, Long sequence, String message) {
    }
}
