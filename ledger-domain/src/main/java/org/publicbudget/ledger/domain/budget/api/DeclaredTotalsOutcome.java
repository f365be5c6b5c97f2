package org.publicbudget.ledger.domain.budget.api;

import java.util.Set;

/** What recording a document's declared totals changed, and which projects the new edition no longer lists. */
public record DeclaredTotalsOutcome(int totalsRecorded, Set<String> noLongerListed, int events) {
}
