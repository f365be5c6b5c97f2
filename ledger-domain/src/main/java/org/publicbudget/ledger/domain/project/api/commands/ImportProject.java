package org.publicbudget.ledger.domain.project.api.commands;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.publicbudget.ledger.domain.money.FundingSource;
import org.publicbudget.ledger.domain.project.api.Indicator;

/**
 * Make a project what a budget document says it is. A new project is created; an
 * existing one receives only the differences (allocations, goal, indicators), so
 * importing the same document twice changes nothing. Indicators are recorded as
 * printed, even where the document pairs a level-2 code with the wrong level-1
 * group: the import reports such findings rather than rewriting the source.
 */
public record ImportProject(
        @TargetAggregateIdentifier String projectId,
        String department,
        int fiscalYear,
        String unit,
        String name,
        String goal,
        Map<FundingSource, BigDecimal> allocations,
        List<Indicator> indicators,
        String reason) {
}
