package org.publicbudget.ledger.domain.project.api.events;

import org.axonframework.serialization.Revision;
import org.publicbudget.ledger.domain.organisation.DepartmentScoped;
import org.publicbudget.ledger.domain.project.api.Indicator;

/** An indicator was taken off a project. */
@Revision("1")
public record IndicatorRemoved(
        String projectId,
        String departmentId,
        String unitId,
        Indicator removed,
        String reason) implements DepartmentScoped, ProjectEvent {
}
