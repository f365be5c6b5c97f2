package org.publicbudget.ledger.query.totals;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.publicbudget.ledger.domain.money.FundingSource;
import org.publicbudget.ledger.domain.project.api.events.AllocationRevised;
import org.publicbudget.ledger.domain.project.api.events.ProjectCreated;
import org.publicbudget.ledger.query.readmodel.MemoryRows;
import org.publicbudget.ledger.query.readmodel.ProjectedEvent;
import org.publicbudget.ledger.query.readmodel.Row;
import org.publicbudget.ledger.query.readmodel.projection.Projector;

/**
 * The totals read model's definition run on rows in memory, as the proof and the fresh
 * read of one project run it: the figures follow the events, each event counts once.
 */
class TotalsInMemoryTest {

    private static final TotalsReadModel MODEL = new TotalsReadModel();
    private static final FundingSource FISCAL = FundingSource.FISCAL_APPROPRIATION;

    private static ProjectedEvent event(long position, String projectId, long sequence, Object payload) {
        return new ProjectedEvent(position, "event-" + position, projectId, sequence, Instant.parse("2025-03-01T00:00:00Z"), payload,
                Map.of("actor", "finance", "reason", "年初预算"));
    }

    private static ProjectCreated created(String projectId, String amount) {
        return new ProjectCreated(projectId, "d1", "荔湾区民政局", 2025, "u1", "街道办事处", "项目 " + projectId, "",
                Map.of(FISCAL, new BigDecimal(amount), FundingSource.SPECIAL_ACCOUNT, BigDecimal.ZERO, FundingSource.OTHER,
                        BigDecimal.ZERO));
    }

    private static BigDecimal fiscal(MemoryRows rows, String table, Object key) {
        Row row = rows.find(TotalsTables.ALL.stream().filter(t -> t.name().equals(table)).findFirst().orElseThrow(), key).orElseThrow();
        return row.amount(TotalsTables.amount(FISCAL));
    }

    @Test
    void departmentUnitAndProjectFollowTheirEvents() {
        MemoryRows rows = Projector.apply(MODEL, List.of(
                event(1, "p1", 0, created("p1", "10.50")),
                event(2, "p2", 0, created("p2", "4.25")),
                event(3, "p1", 1, new AllocationRevised("p1", "d1", "u1", FISCAL, new BigDecimal("10.50"), new BigDecimal("12.00"),
                        "追加"))), new MemoryRows());

        assertThat(fiscal(rows, "budget_project", "p1")).isEqualByComparingTo("12.00");
        assertThat(fiscal(rows, "budget_project", "p2")).isEqualByComparingTo("4.25");
        assertThat(fiscal(rows, "budget_unit", "u1")).isEqualByComparingTo("16.25");
        assertThat(fiscal(rows, "budget_department", "d1")).isEqualByComparingTo("16.25");
    }

    @Test
    void anEventSeenTwiceCountsOnce() {
        ProjectedEvent revision = event(2, "p1", 1, new AllocationRevised("p1", "d1", "u1", FISCAL, new BigDecimal("1.00"),
                new BigDecimal("3.00"), "追加"));
        MemoryRows rows = Projector.apply(MODEL, List.of(event(1, "p1", 0, created("p1", "1.00")), revision, revision),
                new MemoryRows());

        assertThat(fiscal(rows, "budget_department", "d1")).isEqualByComparingTo("3.00");
    }
}
