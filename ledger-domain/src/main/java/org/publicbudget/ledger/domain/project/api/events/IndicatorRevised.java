package org.publicbudget.ledger.domain.project.api.events;

import org.axonframework.serialization.Revision;
import org.publicbudget.ledger.domain.organisation.DepartmentScoped;
import org.publicbudget.ledger.domain.project.api.Indicator;

/** An indicator's categories, name or targets changed; {@code before} and {@code after} are complete. */
@Revision("1")
public record IndicatorRevised(
        String projectId,
        String departmentId,
        String unitId,
        Indicator before,
        Indicator after,
        String reason) implements DepartmentScoped, ProjectEvent {
}
