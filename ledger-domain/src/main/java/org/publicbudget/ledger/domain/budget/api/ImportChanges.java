package org.publicbudget.ledger.domain.budget.api;

/** What one import of a document changed in the ledger, counted by kind of change; {@code events} is their sum in events. */
public record ImportChanges(int projectsCreated, int projectsWithdrawn, int allocationsRevised, int goalsRevised, int indicatorsAdded,
        int indicatorsRevised, int indicatorsRemoved, int declaredTotalsRecorded, int events) {
}
