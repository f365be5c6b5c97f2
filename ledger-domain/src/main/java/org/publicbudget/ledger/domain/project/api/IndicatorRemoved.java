package org.publicbudget.ledger.domain.project.api;

import org.axonframework.serialization.Revision;
import org.publicbudget.ledger.domain.organisation.DepartmentScoped;

/** An indicator was taken off a project. */
@Revision("1")
public record IndicatorRemoved(
        String projectId,
        String departmentId,
        String unitId,
        Indicator removed,
        String reason) implements DepartmentScoped, ProjectEvent {
}
