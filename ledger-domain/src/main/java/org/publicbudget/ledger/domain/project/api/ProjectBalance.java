package org.publicbudget.ledger.domain.project.api;

import java.math.BigDecimal;
import java.util.Map;
import org.publicbudget.ledger.domain.money.Allocations;
import org.publicbudget.ledger.domain.money.FundingSource;

/**
 * What a command handler answers: the project's allocations and version right after
 * the command, so a client sees the result of its own write without waiting for a read model.
 */
public record ProjectBalance(String projectId, long version, Map<FundingSource, BigDecimal> allocations) {

    public BigDecimal total() {
        return Allocations.total(allocations);
    }
}
