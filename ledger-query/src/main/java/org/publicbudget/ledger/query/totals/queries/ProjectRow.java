package org.publicbudget.ledger.query.totals.queries;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import java.math.BigDecimal;
import java.util.Map;
import org.publicbudget.ledger.domain.money.FundingSource;

/**
 * One line of a unit's project list. {@code indicators} is a count; a withdrawn project
 * stays listed, at zero. {@code firstPosition} is where the ledger first saw it, which
 * orders a list as the document did.
 */
public record ProjectRow(
        String projectId,
        String name,
        BigDecimal total,
        Map<FundingSource, BigDecimal> allocations,
        @JsonUnwrapped Execution execution,
        @JsonUnwrapped Budget budget,
        int indicators,
        long version,
        boolean withdrawn,
        long firstPosition) {
}
