package org.publicbudget.ledger.domain.project.api;

/** What importing one project changed; all zero (and not created) when the ledger already agreed. */
public record ImportOutcome(
        boolean created,
        int allocationsRevised,
        boolean goalRevised,
        int indicatorsAdded,
        int indicatorsRevised,
        int indicatorsRemoved,
        int events) {
}
