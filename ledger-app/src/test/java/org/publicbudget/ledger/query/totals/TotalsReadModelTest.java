package org.publicbudget.ledger.query.totals;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventhandling.GenericTrackedDomainEventMessage;
import org.axonframework.eventhandling.GlobalSequenceTrackingToken;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.messaging.MetaData;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.publicbudget.ledger.app.support.ReadModelDatabase;
import org.publicbudget.ledger.domain.indicator.ResultPeriod;
import org.publicbudget.ledger.domain.money.FundingSource;
import org.publicbudget.ledger.domain.project.api.Indicator;
import org.publicbudget.ledger.domain.project.api.events.AllocationRevised;
import org.publicbudget.ledger.domain.project.api.events.ExpenditureRecorded;
import org.publicbudget.ledger.domain.project.api.events.IndicatorAdded;
import org.publicbudget.ledger.domain.project.api.events.IndicatorRemoved;
import org.publicbudget.ledger.domain.project.api.events.IndicatorResultReported;
import org.publicbudget.ledger.domain.project.api.events.ProjectCreated;
import org.publicbudget.ledger.query.audit.AuditTrail;
import org.publicbudget.ledger.query.audit.Trail;
import org.publicbudget.ledger.query.audit.TrailFigure;
import org.publicbudget.ledger.query.audit.TrailPage;
import org.publicbudget.ledger.query.readmodel.DatabaseRows;
import org.publicbudget.ledger.query.readmodel.MemoryRows;
import org.publicbudget.ledger.query.readmodel.ProjectedEvent;
import org.publicbudget.ledger.query.readmodel.RowMapping;
import org.publicbudget.ledger.query.readmodel.Table;
import org.publicbudget.ledger.query.readmodel.comparison.Differences;
import org.publicbudget.ledger.query.readmodel.comparison.RowComparison;
import org.publicbudget.ledger.query.readmodel.projection.Projector;
import org.publicbudget.ledger.query.readmodel.projection.ReadModelProjection;
import org.publicbudget.ledger.query.totals.queries.FigureTime;
import org.publicbudget.ledger.query.totals.queries.ProjectDetail;
import org.publicbudget.ledger.query.totals.queries.TotalsQueries;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The totals read model on real PostgreSQL tables, fed the way a processor feeds it:
 * duplicates, batches, resets, and events that committed late.
 */
class TotalsReadModelTest {

    private static final TotalsReadModel MODEL = new TotalsReadModel();

    private JdbcTemplate jdbc;
    private ReadModelProjection projection;
    private TotalsQueries queries;
    private int commits;

    @BeforeEach
    void emptyReadModel() {
        jdbc = ReadModelDatabase.fresh().jdbc();
        projection = new ReadModelProjection(MODEL, jdbc, () -> commits++);
        queries = new TotalsQueries(jdbc);
    }

    private static ProjectCreated created(String project, String unit, String fiscal) {
        return new ProjectCreated(project, "d1", "石围塘街道", 2025, unit, "街道办事处 " + unit, "帮扶工作经费 " + project, "",
                Map.of(FundingSource.FISCAL_APPROPRIATION, new BigDecimal(fiscal), FundingSource.OTHER, new BigDecimal("1.50")));
    }

    private static AllocationRevised revised(String project, String unit, String before, String after) {
        return new AllocationRevised(project, "d1", unit, FundingSource.FISCAL_APPROPRIATION, new BigDecimal(before), new BigDecimal(after),
                "追加");
    }

    private static ExpenditureRecorded paid(String project, String payment, String amount, String before, String after) {
        return new ExpenditureRecorded(project, "d1", "u1", payment, FundingSource.FISCAL_APPROPRIATION, new BigDecimal(amount),
                new BigDecimal(before), new BigDecimal(after), LocalDate.of(2025, 3, 1), "记-" + payment, "支付");
    }

    private static TrackedEventMessage<?> event(long position, String aggregate, long sequence, Object payload) {
        return new GenericTrackedDomainEventMessage<>(new GlobalSequenceTrackingToken(position), "Project", aggregate, sequence,
                new GenericEventMessage<>(payload, MetaData.with("actor", "tester").and("reason", "test")),
                () -> Instant.parse("2025-03-01T00:00:00Z").plusSeconds(position));
    }

    /** Every row of every table as the same events applied in memory in store order would make it. */
    private void assertTheDatabaseHoldsWhatTheEventsSayInStoreOrder(List<TrackedEventMessage<?>> inStoreOrder) {
        MemoryRows expected = Projector.apply(MODEL, inStoreOrder.stream().map(ProjectedEvent::of).toList(), new MemoryRows());
        Differences differences = new Differences();
        for (Table table : MODEL.tables()) {
            RowComparison.compare(table, expected.rows(table), jdbc.query("SELECT " + table.columnList() + " FROM " + table.name(),
                    (rs, i) -> RowMapping.read(table, rs)), differences);
        }
        assertThat(differences.first()).isEmpty();
    }

    private void deliver(TrackedEventMessage<?> event) {
        projection.on(event.getPayload(), event);
    }

    private static TrackedEventMessage<?> event(long position, String aggregate, long sequence, Object payload, Instant recorded,
            MetaData metadata) {
        return new GenericTrackedDomainEventMessage<>(new GlobalSequenceTrackingToken(position), "Project", aggregate, sequence,
                new GenericEventMessage<>(payload, metadata.and("actor", "tester")), () -> recorded);
    }

    /**
     * Budget time: a project created in 2026 for the 2025 budget counts from 2025-01-01; a
     * revision with an effective date counts from that date; a payment on the day it was
     * paid; a revision without a date on the day it was recorded in Beijing (2026-01-01
     * there, though still 2025-12-31 in UTC). The creation is the original budget
     * (年初预算), the revisions adjustments (调整数).
     */
    @Test
    void figuresEffectiveOnABudgetDaySeparateTheOriginalBudgetFromItsAdjustments() {
        Instant recorded = Instant.parse("2026-02-10T02:00:00Z");
        deliver(event(1, "p1", 0, created("p1", "u1", "5.00"), recorded, MetaData.emptyInstance()));
        deliver(event(2, "p1", 1, revised("p1", "u1", "5.00", "7.00"), recorded, MetaData.with("effectiveDate", "2025-06-30")));
        deliver(event(3, "p1", 2, paid("p1", "e1", "0.40", "0", "0.40"), recorded, MetaData.emptyInstance()));
        deliver(event(4, "p1", 3, revised("p1", "u1", "7.00", "9.00"), Instant.parse("2025-12-31T17:00:00Z"), MetaData.emptyInstance()));

        FigureTime yearEnd = new FigureTime(null, LocalDate.of(2025, 12, 31));
        FigureTime midYear = new FigureTime(null, LocalDate.of(2025, 6, 29));
        assertThat(queries.unit("u1", midYear).orElseThrow().computedTotal()).isEqualByComparingTo("6.50");
        assertThat(queries.unit("u1", midYear).orElseThrow().execution().spent()).as("paid 2025-03-01").isEqualByComparingTo("0.40");
        assertThat(queries.unit("u1", yearEnd).orElseThrow().computedTotal()).isEqualByComparingTo("8.50");
        assertThat(queries.department("d1", yearEnd).orElseThrow().computedTotal()).isEqualByComparingTo("8.50");
        assertThat(queries.project("p1", yearEnd).orElseThrow().total()).isEqualByComparingTo("8.50");
        assertThat(queries.project("p1", FigureTime.now()).orElseThrow().total()).isEqualByComparingTo("10.50");
        assertThat(queries.unit("u1", new FigureTime(null, LocalDate.of(2026, 1, 1))).orElseThrow().computedTotal())
                .as("recorded 2026-01-01 01:00 in Beijing").isEqualByComparingTo("10.50");
        assertThat(queries.unit("u1", new FigureTime(2L, LocalDate.of(2025, 12, 31))).orElseThrow().computedTotal())
                .as("recorded by position 2, effective by the year's end").isEqualByComparingTo("8.50");

        for (FigureTime when : List.of(FigureTime.now(), FigureTime.at(4L), yearEnd)) {
            var unit = queries.unit("u1", when).orElseThrow();
            assertThat(unit.budget().originalTotal()).as("original, " + when).isEqualByComparingTo("6.50");
            assertThat(unit.budget().adjustments()).as("adjustments, " + when)
                    .isEqualByComparingTo(unit.computedTotal().subtract(new BigDecimal("6.50")));
        }
        assertThat(queries.project("p1", FigureTime.now()).orElseThrow().budget().adjustmentsBySource().get(FundingSource.FISCAL_APPROPRIATION))
                .isEqualByComparingTo("4.00");
        assertThat(jdbc.queryForList("SELECT effective_on FROM ledger_journal ORDER BY position", String.class))
                .containsExactly("2025-01-01", "2025-06-30", "2025-03-01", "2026-01-01");
    }

    @Test
    void eventsDeliveredTwiceCountOnce() {
        List<TrackedEventMessage<?>> events = List.of(event(1, "p1", 0, created("p1", "u1", "5.00")),
                event(2, "p1", 1, revised("p1", "u1", "5.00", "7.25")),
                event(3, "p1", 2, new IndicatorAdded("p1", "d1", "u1", 1, "1", "11", "调研次数", "2次", "2次")));
        events.forEach(this::deliver);
        events.forEach(this::deliver);

        assertThat(queries.unit("u1", FigureTime.now()).orElseThrow().computedTotal()).isEqualByComparingTo("8.75");
        assertThat(queries.department("d1", FigureTime.now()).orElseThrow().computedTotal()).isEqualByComparingTo("8.75");
        ProjectDetail project = queries.project("p1", FigureTime.now()).orElseThrow();
        assertThat(project.total()).isEqualByComparingTo("8.75");
        assertThat(project.indicators()).hasSize(1);
        assertThat(project.version()).isEqualTo(2);
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM ledger_journal", Long.class)).isEqualTo(3);
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM figure_history", Long.class)).as("project, unit, department × 2").isEqualTo(6);
    }

    @Test
    void aResetEmptiesEveryTableForAReplay() {
        deliver(event(1, "p1", 0, created("p1", "u1", "5.00")));
        projection.reset();
        assertThat(queries.departments(FigureTime.now(), null, 10).items()).isEmpty();
        assertThat(queries.units(FigureTime.now(), null, 10).items()).isEmpty();
        assertThat(queries.project("p1", FigureTime.now())).isEmpty();
        for (Table table : MODEL.tables()) {
            assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM " + table.name(), Long.class)).as(table.name()).isZero();
        }
        deliver(event(1, "p1", 0, created("p1", "u1", "5.00")));
        assertThat(queries.unit("u1", FigureTime.now()).orElseThrow().computedTotal()).isEqualByComparingTo("6.50");
    }

    @Test
    void aBatchIsWrittenOnceWhenItCommits() {
        deliver(event(1, "p1", 0, created("p1", "u1", "5.00")));
        UnitOfWork<?> batch = DefaultUnitOfWork.startAndGet(GenericEventMessage.asEventMessage("batch"));
        deliver(event(2, "p1", 1, revised("p1", "u1", "5.00", "7.25")));
        deliver(event(3, "p1", 2, revised("p1", "u1", "7.25", "10.00")));
        assertThat(queries.unit("u1", FigureTime.now()).orElseThrow().computedTotal()).as("before the batch commits").isEqualByComparingTo("6.50");
        int before = commits;
        batch.commit();

        assertThat(commits).as("readers waiting for a position are woken").isEqualTo(before + 1);
        assertThat(queries.unit("u1", FigureTime.now()).orElseThrow().computedTotal()).isEqualByComparingTo("11.50");
        assertThat(queries.department("d1", FigureTime.now()).orElseThrow().computedTotal()).isEqualByComparingTo("11.50");
        assertThat(queries.project("p1", FigureTime.now()).orElseThrow().total()).isEqualByComparingTo("11.50");
    }

    /**
     * Two writers of one unit commit out of order: positions 4 and 5 (project p2) are
     * projected before 3 (project p1), as a processor reading past an open transaction does.
     * Every history row must still hold the figure as of its own position — exactly what
     * applying the events in store order gives.
     */
    @Test
    void anEventThatCommittedLateLandsAtItsOwnPosition() {
        List<TrackedEventMessage<?>> inStoreOrder = List.of(
                event(1, "p1", 0, created("p1", "u1", "5.00")),
                event(2, "p2", 0, created("p2", "u1", "3.00")),
                event(3, "p1", 1, revised("p1", "u1", "5.00", "6.00")),
                event(4, "p2", 1, revised("p2", "u1", "3.00", "10.00")),
                event(5, "p2", 2, revised("p2", "u1", "10.00", "10.50")));
        List<TrackedEventMessage<?>> asDelivered = List.of(inStoreOrder.get(0), inStoreOrder.get(1), inStoreOrder.get(3),
                inStoreOrder.get(4), inStoreOrder.get(2));
        asDelivered.forEach(this::deliver);

        assertTheDatabaseHoldsWhatTheEventsSayInStoreOrder(inStoreOrder);

        assertThat(queries.unit("u1", FigureTime.at(2L)).orElseThrow().computedTotal()).isEqualByComparingTo("11.00");
        assertThat(queries.unit("u1", FigureTime.at(3L)).orElseThrow().computedTotal()).isEqualByComparingTo("12.00");
        assertThat(queries.unit("u1", FigureTime.at(4L)).orElseThrow().computedTotal()).isEqualByComparingTo("19.00");
        assertThat(queries.unit("u1", FigureTime.now()).orElseThrow().computedTotal()).isEqualByComparingTo("19.50");
        Trail trail = new AuditTrail(jdbc).ofUnit("u1", TrailFigure.ALLOCATED, null, null, new TrailPage(0, 100)).orElseThrow();
        assertThat(trail.steps()).extracting(step -> step.position()).containsExactly(1L, 2L, 3L, 4L, 5L);
        assertThat(trail.steps()).extracting(step -> step.after().toPlainString()).containsExactly("6.50", "11.00", "12.00", "19.00", "19.50");
        assertThat(trail.consistent()).isTrue();
    }

    /** Written with PostgreSQL's COPY (many rows) or INSERTs (few), the rows are what the definition gives in memory. */
    /** A payment that committed late shifts what was spent after it, as a late revision shifts what was allocated. */
    @Test
    void aPaymentThatCommittedLateLandsAtItsOwnPosition() {
        List<TrackedEventMessage<?>> inStoreOrder = List.of(
                event(1, "p1", 0, created("p1", "u1", "5.00")),
                event(2, "p2", 0, created("p2", "u1", "3.00")),
                event(3, "p1", 1, paid("p1", "e1", "1.00", "0.00", "1.00")),
                event(4, "p2", 1, paid("p2", "e2", "2.00", "0.00", "2.00")),
                event(5, "p2", 2, paid("p2", "e3", "0.50", "2.00", "2.50")));
        List<TrackedEventMessage<?>> asDelivered = List.of(inStoreOrder.get(0), inStoreOrder.get(1), inStoreOrder.get(3),
                inStoreOrder.get(4), inStoreOrder.get(2));
        asDelivered.forEach(this::deliver);

        assertTheDatabaseHoldsWhatTheEventsSayInStoreOrder(inStoreOrder);
        assertThat(queries.unit("u1", FigureTime.at(3L)).orElseThrow().execution().spent()).isEqualByComparingTo("1.00");
        assertThat(queries.unit("u1", FigureTime.at(4L)).orElseThrow().execution().spent()).isEqualByComparingTo("3.00");
        assertThat(queries.unit("u1", FigureTime.now()).orElseThrow().execution().spent()).isEqualByComparingTo("3.50");
        assertThat(queries.unit("u1", FigureTime.now()).orElseThrow().computedTotal()).as("payments leave the allocation as it is").isEqualByComparingTo("11.00");
        Trail trail = new AuditTrail(jdbc).ofUnit("u1", TrailFigure.SPENT, null, null, new TrailPage(0, 100)).orElseThrow();
        assertThat(trail.steps()).extracting(step -> step.after().toPlainString()).containsExactly("1.00", "3.00", "3.50");
        assertThat(trail.consistent()).isTrue();
    }

    /** As of a moment after an indicator was removed, its results are gone with it; before, they are there. */
    @Test
    void resultsLeaveWithTheirIndicator() {
        Indicator coverage = new Indicator(1, "1", "12", "覆盖率", "≥90%", "≥90%");
        List.of(event(1, "p1", 0, created("p1", "u1", "5.00")),
                event(2, "p1", 1, new IndicatorAdded("p1", "d1", "u1", 1, "1", "12", "覆盖率", "≥90%", "≥90%")),
                event(3, "p1", 2, new IndicatorResultReported("p1", "d1", "u1", 1, ResultPeriod.MID_YEAR, null, "95%",
                        LocalDate.of(2025, 7, 1), "年中")),
                event(4, "p1", 3, new IndicatorRemoved("p1", "d1", "u1", coverage, "合并")),
                event(5, "p1", 4, new IndicatorAdded("p1", "d1", "u1", 1, "1", "12", "覆盖率", "≥90%", "≥90%"))).forEach(this::deliver);

        ProjectDetail.Result then = queries.project("p1", FigureTime.at(3L)).orElseThrow().indicators().get(0).results().get(ResultPeriod.MID_YEAR);
        assertThat(then.actual()).isEqualTo("95%");
        assertThat(then.met()).isTrue();
        assertThat(queries.project("p1", FigureTime.at(4L)).orElseThrow().indicators()).isEmpty();
        assertThat(queries.project("p1", FigureTime.at(5L)).orElseThrow().indicators().get(0).results()).as("added again, without its old result").isEmpty();
        assertThat(queries.project("p1", FigureTime.now()).orElseThrow().indicators().get(0).results()).isEmpty();
    }

    @Test
    void theDatabaseAndMemoryGiveTheSameRowsForTheSameEvents() {
        List<ProjectedEvent> events = new ArrayList<>();
        long position = 0;
        for (int p = 0; p < 60; p++) {
            String project = "p" + p;
            String awkward = "帮扶\"工作\",经费\n第" + p + "行, \\ 以及 'quotes'";
            events.add(ProjectedEvent.of(event(++position, project, 0, new ProjectCreated(project, "d1", "石围塘街道", 2025, "u" + (p % 3),
                    "街道办事处", awkward, p % 2 == 0 ? "" : awkward, Map.of(FundingSource.FISCAL_APPROPRIATION, new BigDecimal("5.00"))))));
            events.add(ProjectedEvent.of(event(++position, project, 1, new AllocationRevised(project, "d1", "u" + (p % 3),
                    FundingSource.FISCAL_APPROPRIATION, new BigDecimal("5.00"), new BigDecimal("9.999999"), awkward))));
            events.add(ProjectedEvent.of(event(++position, project, 2, new IndicatorAdded(project, "d1", "u" + (p % 3), 1, "1", "11",
                    awkward, "≥85%", ""))));
        }
        Projector.apply(MODEL, events, new DatabaseRows(jdbc, "a", DatabaseRows.copyInAvailable(jdbc)));
        MemoryRows memory = Projector.apply(MODEL, events, new MemoryRows());
        for (Table table : MODEL.tables()) {
            Differences differences = new Differences();
            RowComparison.compare(table, memory.rows(table), jdbc.query("SELECT " + table.columnList() + " FROM " + table.in("a"),
                    (rs, i) -> RowMapping.read(table, rs)), differences);
            assertThat(differences.first()).as(table.name()).isEmpty();
        }
    }

    /**
     * A replay holds state rows between pages and writes each once: history rows are in
     * the table after every page, the projects' rows only when the replay writes what it
     * holds. Holding too many, it writes them and lets them go; rows read back after that
     * are updated, not inserted twice.
     */
    @Test
    void aReplayHoldsStateRowsBetweenPagesAndWritesEachOnce() {
        List<TrackedEventMessage<?>> events = new ArrayList<>();
        long position = 0;
        for (int p = 0; p < 6; p++) {
            events.add(event(++position, "p" + p, 0, created("p" + p, "u" + (p % 2), "10.00")));
        }
        for (int round = 1; round <= 4; round++) {
            for (int p = 0; p < 6; p++) {
                events.add(event(++position, "p" + p, round, revised("p" + p, "u" + (p % 2), (9 + round) + ".00", (10 + round) + ".00")));
            }
        }
        DatabaseRows rows = DatabaseRows.ofEmptyCopy(jdbc, "a", DatabaseRows.copyInAvailable(jdbc));
        List<ProjectedEvent> all = events.stream().map(ProjectedEvent::of).toList();
        Projector.applyHoldingState(MODEL, all.subList(0, 12), rows, new HashSet<>());
        assertThat(jdbc.queryForObject("SELECT count(*) FROM " + TotalsTables.FIGURE_HISTORY.in("a"), Long.class))
                .isEqualTo(Projector.apply(MODEL, all.subList(0, 12), new MemoryRows()).rows(TotalsTables.FIGURE_HISTORY).count());
        assertThat(jdbc.queryForObject("SELECT count(*) FROM " + TotalsTables.PROJECT.in("a"), Long.class)).as("held").isZero();
        assertThat(rows.stateRowsHeld()).isEqualTo(6 + 2 + 1);

        rows.flushAndForget();
        assertThat(rows.stateRowsHeld()).isZero();
        assertThat(jdbc.queryForObject("SELECT count(*) FROM " + TotalsTables.PROJECT.in("a"), Long.class)).isEqualTo(6);
        Projector.applyHoldingState(MODEL, all.subList(12, 24), rows, new HashSet<>());
        Projector.applyHoldingState(MODEL, all.subList(24, 30), rows, new HashSet<>());
        assertThat(jdbc.queryForObject("SELECT sum(amount_fiscal_appropriation) FROM " + TotalsTables.PROJECT.in("a"), BigDecimal.class))
                .as("as the first page left them").isEqualByComparingTo("66.00");
        rows.flush();
        assertTheDatabaseHoldsWhatTheEventsSayInStoreOrder(events);
    }
}
