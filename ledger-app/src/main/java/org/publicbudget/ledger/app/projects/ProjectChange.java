package org.publicbudget.ledger.app.projects;

import java.math.BigDecimal;
import java.util.EnumMap;
import java.util.Map;
import org.publicbudget.ledger.domain.money.FundingSource;
import org.publicbudget.ledger.domain.project.api.ProjectBalance;

/**
 * The answer to a command on a project: its figures and version right after the change,
 * and the position in the event store the change reached.
 */
public record ProjectChange(String projectId, long version, BigDecimal total, Map<FundingSource, BigDecimal> allocations, long position) {

    public static ProjectChange of(ProjectBalance balance, long position) {
        return new ProjectChange(balance.projectId(), balance.version(), balance.total(), new EnumMap<>(balance.allocations()), position);
    }
}
