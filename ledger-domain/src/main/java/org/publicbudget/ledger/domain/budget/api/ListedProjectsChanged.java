package org.publicbudget.ledger.domain.budget.api;

import java.util.Set;
import org.axonframework.serialization.Revision;

/** A new edition of the department's budget document lists other projects than the last one did. */
@Revision("1")
public record ListedProjectsChanged(String departmentId, Set<String> added, Set<String> removed, String reason) {
}
