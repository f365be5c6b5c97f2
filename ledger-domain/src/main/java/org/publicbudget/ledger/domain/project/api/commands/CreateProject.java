package org.publicbudget.ledger.domain.project.api.commands;

import java.math.BigDecimal;
import java.util.Map;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.publicbudget.ledger.domain.money.FundingSource;

/** Open a project in a unit of a department's budget for one fiscal year. */
public record CreateProject(
        @TargetAggregateIdentifier String projectId,
        String department,
        int fiscalYear,
        String unit,
        String name,
        String goal,
        Map<FundingSource, BigDecimal> allocations) {
}
