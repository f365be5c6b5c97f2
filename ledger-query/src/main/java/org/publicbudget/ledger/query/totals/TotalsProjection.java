package org.publicbudget.ledger.query.totals;

import java.math.BigDecimal;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.publicbudget.ledger.domain.budget.DeclaredTotalRecorded;
import org.publicbudget.ledger.domain.budget.UnitRegistered;
import org.publicbudget.ledger.domain.money.FundingSource;
import org.publicbudget.ledger.domain.project.AllocationRevised;
import org.publicbudget.ledger.domain.project.AllocationTransferred;
import org.publicbudget.ledger.domain.project.GoalRevised;
import org.publicbudget.ledger.domain.project.Indicator;
import org.publicbudget.ledger.domain.project.IndicatorAdded;
import org.publicbudget.ledger.domain.project.IndicatorRemoved;
import org.publicbudget.ledger.domain.project.IndicatorRevised;
import org.publicbudget.ledger.domain.project.ProjectCreated;
import org.publicbudget.ledger.domain.project.ProjectWithdrawn;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Keeps project, unit and department totals, overall and per funding source.
 *
 * <p>Idempotent: a streaming processor may deliver an event twice (a stolen segment
 * claim, a retried batch), so each handler first advances the project's version and
 * does nothing when the event was applied already. Unit and department rows are
 * only ever touched by the thread that owns their department (see
 * {@link DepartmentSequencingPolicy}), so the read-then-insert below cannot race.
 */
@Component
@ProcessingGroup(TotalsProjection.PROCESSOR)
public class TotalsProjection {

    public static final String PROCESSOR = "totals";

    private static final String COPY = TotalsProjection.class.getName() + ".copy";
    private static final String PENDING = TotalsProjection.class.getName() + ".pending";

    private final JdbcTemplate jdbc;

    public TotalsProjection(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @EventHandler
    void on(ProjectCreated event, @SequenceNumber long sequence) {
        int inserted = jdbc.update("INSERT INTO " + t("project_summary")
                        + " (project_id, unit_id, department_id, name, goal, version, indicator_count) VALUES (?, ?, ?, ?, ?, ?, 0)"
                        + " ON CONFLICT DO NOTHING",
                event.projectId(), event.unitId(), event.departmentId(), event.name(), event.goal(), sequence);
        if (inserted == 0) {
            return;
        }
        jdbc.update("INSERT INTO " + t("department_summary") + " (department_id, name, fiscal_year) VALUES (?, ?, ?) ON CONFLICT DO NOTHING",
                event.departmentId(), event.department(), event.fiscalYear());
        jdbc.update("INSERT INTO " + t("unit_summary") + " (unit_id, department_id, name) VALUES (?, ?, ?) ON CONFLICT DO NOTHING",
                event.unitId(), event.departmentId(), event.unit());
        for (FundingSource source : FundingSource.values()) {
            BigDecimal amount = event.allocations().getOrDefault(source, BigDecimal.ZERO);
            jdbc.update("INSERT INTO " + t("project_allocation") + " (project_id, funding_source, amount) VALUES (?, ?, ?)",
                    event.projectId(), source.name(), amount);
            addTo("unit_allocation", "unit_id", event.unitId(), source, amount);
            addTo("department_allocation", "department_id", event.departmentId(), source, amount);
        }
    }

    @EventHandler
    void on(AllocationRevised event, @SequenceNumber long sequence) {
        if (advance(event.projectId(), sequence)) {
            setAllocation(event.projectId(), event.unitId(), event.departmentId(), event.fundingSource(), event.after(), event.delta());
        }
    }

    @EventHandler
    void on(IndicatorAdded event, @SequenceNumber long sequence) {
        if (!advance(event.projectId(), sequence)) {
            return;
        }
        jdbc.update("INSERT INTO " + t("project_indicator")
                        + " (project_id, no, level1, level2, name, period_target, annual_target) VALUES (?, ?, ?, ?, ?, ?, ?)",
                event.projectId(), event.no(), event.level1(), event.level2(), event.name(),
                event.periodTarget(), event.annualTarget());
        jdbc.update("UPDATE " + t("project_summary") + " SET indicator_count = indicator_count + 1 WHERE project_id = ?", event.projectId());
    }

    @EventHandler
    void on(AllocationTransferred event, @SequenceNumber long sequence) {
        if (advance(event.projectId(), sequence)) {
            setAllocation(event.projectId(), event.unitId(), event.departmentId(), event.fundingSource(), event.after(), event.delta());
        }
    }

    @EventHandler
    void on(UnitRegistered event) {
        jdbc.update("INSERT INTO " + t("department_summary") + " (department_id, name, fiscal_year) VALUES (?, ?, ?) ON CONFLICT DO NOTHING",
                event.departmentId(), event.department(), event.fiscalYear());
        jdbc.update("INSERT INTO " + t("unit_summary") + " (unit_id, department_id, name) VALUES (?, ?, ?) ON CONFLICT DO NOTHING",
                event.unitId(), event.departmentId(), event.unit());
    }

    @EventHandler
    void on(GoalRevised event, @SequenceNumber long sequence) {
        if (advance(event.projectId(), sequence)) {
            jdbc.update("UPDATE " + t("project_summary") + " SET goal = ? WHERE project_id = ?", event.after(), event.projectId());
        }
    }

    @EventHandler
    void on(IndicatorRevised event, @SequenceNumber long sequence) {
        if (!advance(event.projectId(), sequence)) {
            return;
        }
        Indicator after = event.after();
        jdbc.update("UPDATE " + t("project_indicator") + " SET level1 = ?, level2 = ?, name = ?, period_target = ?, annual_target = ? "
                        + "WHERE project_id = ? AND no = ?",
                after.level1(), after.level2(), after.name(), after.periodTarget(), after.annualTarget(), event.projectId(), after.no());
    }

    @EventHandler
    void on(IndicatorRemoved event, @SequenceNumber long sequence) {
        if (!advance(event.projectId(), sequence)) {
            return;
        }
        jdbc.update("DELETE FROM " + t("project_indicator") + " WHERE project_id = ? AND no = ?", event.projectId(), event.removed().no());
        jdbc.update("UPDATE " + t("project_summary") + " SET indicator_count = indicator_count - 1 WHERE project_id = ?", event.projectId());
    }

    @EventHandler
    void on(ProjectWithdrawn event, @SequenceNumber long sequence) {
        if (!advance(event.projectId(), sequence)) {
            return;
        }
        jdbc.update("UPDATE " + t("project_summary") + " SET withdrawn = TRUE WHERE project_id = ?", event.projectId());
        jdbc.update("UPDATE " + t("project_allocation") + " SET amount = 0 WHERE project_id = ?", event.projectId());
        event.allocations().forEach((source, amount) -> {
            addTo("unit_allocation", "unit_id", event.unitId(), source, amount.negate());
            addTo("department_allocation", "department_id", event.departmentId(), source, amount.negate());
        });
    }

    /** Setting a declared total is idempotent by nature: the same event twice sets the same value. */
    @EventHandler
    void on(DeclaredTotalRecorded event) {
        jdbc.update("INSERT INTO " + t("department_summary") + " (department_id, name, fiscal_year) VALUES (?, ?, ?) ON CONFLICT DO NOTHING",
                event.departmentId(), event.department(), event.fiscalYear());
        if (event.unitId() == null) {
            jdbc.update("UPDATE " + t("department_summary") + " SET declared_total = ? WHERE department_id = ?", event.after(), event.departmentId());
            return;
        }
        jdbc.update("INSERT INTO " + t("unit_summary") + " (unit_id, department_id, name) VALUES (?, ?, ?) ON CONFLICT DO NOTHING",
                event.unitId(), event.departmentId(), event.unit());
        jdbc.update("UPDATE " + t("unit_summary") + " SET declared_total = ? WHERE unit_id = ?", event.after(), event.unitId());
    }

    /** Everything here is derived from events: a replay starts from empty tables. */
    @ResetHandler
    void reset() {
        TotalsTables.empty(jdbc, TotalsTables.activeCopy(jdbc));
    }

    /**
     * The table's name in the copy this batch writes. The copy is looked up once per
     * batch, inside its transaction: a rebuild switches copies only while it holds
     * every segment, so no batch can straddle a switch.
     */
    private String t(String table) {
        String copy = CurrentUnitOfWork.isStarted()
                ? CurrentUnitOfWork.get().root().getOrComputeResource(COPY, key -> TotalsTables.activeCopy(jdbc))
                : TotalsTables.activeCopy(jdbc);
        return table + "_" + copy;
    }

    /** Moves the project to this event's sequence number; false when the event was applied before. */
    private boolean advance(String projectId, long sequence) {
        return jdbc.update("UPDATE " + t("project_summary") + " SET version = ? WHERE project_id = ? AND version < ?",
                sequence, projectId, sequence) == 1;
    }

    /** A project's allocation from one source becomes {@code after}; its unit and department move by {@code delta}. */
    private void setAllocation(String projectId, String unitId, String departmentId, FundingSource source, BigDecimal after,
            BigDecimal delta) {
        jdbc.update("UPDATE " + t("project_allocation") + " SET amount = ? WHERE project_id = ? AND funding_source = ?", after, projectId, source.name());
        addTo("unit_allocation", "unit_id", unitId, source, delta);
        addTo("department_allocation", "department_id", departmentId, source, delta);
    }

    /** Summed over the batch and written when it commits (see {@link PendingTotals}); at once outside a processor. */
    private void addTo(String table, String keyColumn, String key, FundingSource source, BigDecimal delta) {
        if (!CurrentUnitOfWork.isStarted()) {
            PendingTotals now = new PendingTotals();
            now.add(t(table), keyColumn, key, source, delta);
            now.write(jdbc);
            return;
        }
        UnitOfWork<?> batch = CurrentUnitOfWork.get().root();
        batch.getOrComputeResource(PENDING, k -> {
            PendingTotals pending = new PendingTotals();
            batch.onPrepareCommit(u -> pending.write(jdbc));
            return pending;
        }).add(t(table), keyColumn, key, source, delta);
    }
}
