package org.publicbudget.ledger.domain.project.api.events;

import org.axonframework.serialization.Revision;
import org.publicbudget.ledger.domain.organisation.DepartmentScoped;

/** A project's goal (绩效目标) text changed. */
@Revision("1")
public record GoalRevised(
        String projectId,
        String departmentId,
        String unitId,
        String before,
        String after,
        String reason) implements DepartmentScoped, ProjectEvent {
}
