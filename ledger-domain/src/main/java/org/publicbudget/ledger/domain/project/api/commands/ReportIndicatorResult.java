package org.publicbudget.ledger.domain.project.api.commands;

import java.time.LocalDate;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.publicbudget.ledger.domain.indicator.ResultPeriod;

/** Report what indicator {@code no} achieved ({@code actual}, as written) for a period; a later report revises it. */
public record ReportIndicatorResult(
        @TargetAggregateIdentifier String projectId,
        int no,
        ResultPeriod period,
        String actual,
        LocalDate reportedOn,
        String reason) {
}
