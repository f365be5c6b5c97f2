package org.publicbudget.ledger.domain.project.api.events;

import java.time.LocalDate;
import org.axonframework.serialization.Revision;
import org.publicbudget.ledger.domain.indicator.ResultPeriod;
import org.publicbudget.ledger.domain.organisation.DepartmentScoped;

/**
 * What indicator {@code no} achieved for {@code period}, as reported on {@code reportedOn}:
 * {@code actual} as written; {@code before} is the result it replaces (null for the first report).
 */
@Revision("1")
public record IndicatorResultReported(
        String projectId,
        String departmentId,
        String unitId,
        int no,
        ResultPeriod period,
        String before,
        String actual,
        LocalDate reportedOn,
        String reason) implements DepartmentScoped, ProjectEvent {
}
