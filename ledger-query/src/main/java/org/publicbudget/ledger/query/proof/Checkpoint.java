package org.publicbudget.ledger.query.proof;

import java.time.Instant;

/** The chain of every stream up to {@code position}, summed up in one hash that can be published. */
public record Checkpoint(long position, Instant recordedAt, long streams, long events, String rootHash) {
}
