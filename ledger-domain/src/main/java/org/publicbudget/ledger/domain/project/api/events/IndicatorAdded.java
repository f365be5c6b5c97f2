package org.publicbudget.ledger.domain.project.api.events;

import org.axonframework.serialization.Revision;
import org.publicbudget.ledger.domain.organisation.DepartmentScoped;

/** A performance indicator was added to a project, with its targets as written in the source. */
@Revision("1")
public record IndicatorAdded(
        String projectId,
        String departmentId,
        String unitId,
        int no,
        String level1,
        String level2,
        String name,
        String periodTarget,
        String annualTarget) implements DepartmentScoped, ProjectEvent {
}
