package org.publicbudget.ledger.query.totals;

import static org.publicbudget.ledger.query.totals.TotalsTables.BREAKS;
import static org.publicbudget.ledger.query.totals.TotalsTables.DECLARED_HISTORY;
import static org.publicbudget.ledger.query.totals.TotalsTables.DECLARED_POSITION;
import static org.publicbudget.ledger.query.totals.TotalsTables.DECLARED_TOTAL;
import static org.publicbudget.ledger.query.totals.TotalsTables.DEPARTMENT;
import static org.publicbudget.ledger.query.totals.TotalsTables.FIGURE_HISTORY;
import static org.publicbudget.ledger.query.totals.TotalsTables.FIRST_POSITION;
import static org.publicbudget.ledger.query.totals.TotalsTables.GOAL_HISTORY;
import static org.publicbudget.ledger.query.totals.TotalsTables.INDICATOR;
import static org.publicbudget.ledger.query.totals.TotalsTables.INDICATOR_HISTORY;
import static org.publicbudget.ledger.query.totals.TotalsTables.INDICATOR_RESULT;
import static org.publicbudget.ledger.query.totals.TotalsTables.JOURNAL;
import static org.publicbudget.ledger.query.totals.TotalsTables.MONEY_POSITION;
import static org.publicbudget.ledger.query.totals.TotalsTables.POSITION;
import static org.publicbudget.ledger.query.totals.TotalsTables.PROJECT;
import static org.publicbudget.ledger.query.totals.TotalsTables.PROJECTS;
import static org.publicbudget.ledger.query.totals.TotalsTables.RESULT_HISTORY;
import static org.publicbudget.ledger.query.totals.TotalsTables.UNIT;
import static org.publicbudget.ledger.query.totals.TotalsTables.amount;
import static org.publicbudget.ledger.query.totals.TotalsTables.change;
import static org.publicbudget.ledger.query.totals.TotalsTables.spent;
import static org.publicbudget.ledger.query.totals.TotalsTables.spentChange;

import java.math.BigDecimal;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiConsumer;
import org.publicbudget.ledger.domain.budget.api.DeclaredTotalRecorded;
import org.publicbudget.ledger.domain.budget.api.DocumentImported;
import org.publicbudget.ledger.domain.budget.api.ListedProjectsChanged;
import org.publicbudget.ledger.domain.budget.api.UnitRegistered;
import org.publicbudget.ledger.domain.indicator.ResultPeriod;
import org.publicbudget.ledger.domain.money.Allocations;
import org.publicbudget.ledger.domain.money.FundingSource;
import org.publicbudget.ledger.domain.organisation.DepartmentScoped;
import org.publicbudget.ledger.domain.project.api.Indicator;
import org.publicbudget.ledger.domain.project.api.events.AllocationRevised;
import org.publicbudget.ledger.domain.project.api.events.AllocationTransferred;
import org.publicbudget.ledger.domain.project.api.events.ExpenditureRecorded;
import org.publicbudget.ledger.domain.project.api.events.ExpenditureReversed;
import org.publicbudget.ledger.domain.project.api.events.GoalRevised;
import org.publicbudget.ledger.domain.project.api.events.IndicatorAdded;
import org.publicbudget.ledger.domain.project.api.events.IndicatorRemoved;
import org.publicbudget.ledger.domain.project.api.events.IndicatorResultReported;
import org.publicbudget.ledger.domain.project.api.events.IndicatorRevised;
import org.publicbudget.ledger.domain.project.api.events.ProjectCreated;
import org.publicbudget.ledger.domain.project.api.events.ProjectEvent;
import org.publicbudget.ledger.domain.project.api.events.ProjectWithdrawn;
import org.publicbudget.ledger.query.readmodel.ProjectedEvent;
import org.publicbudget.ledger.query.readmodel.ReadModel;
import org.publicbudget.ledger.query.readmodel.Row;
import org.publicbudget.ledger.query.readmodel.Rows;
import org.publicbudget.ledger.query.readmodel.Table;

/**
 * The totals read model: what each event does to the departments, units and projects,
 * their money and its history, their indicators and goals, and the journal. This is
 * its only definition: the live projection, the rebuild, the proof and a project read
 * fresh from its own events all apply events with this class.
 *
 * <p>A project's money is what its events say it is (the {@code after} of a revision);
 * its unit and department move by the same amounts, so that they always equal the sum
 * of their projects. An event whose {@code before} is not where the project stood —
 * history edited behind the ledger's back — is applied and counted as a break. What a
 * project has spent moves the same way, by its payments and their reversals.
 */
public final class TotalsReadModel implements ReadModel {

    public static final String NAME = "totals";
    private static final BigDecimal ZERO = BigDecimal.ZERO;

    private final BudgetDay days;

    /** Budget days in the ledger's zone: see {@link BudgetDay}. */
    public TotalsReadModel(BudgetDay days) {
        this.days = days;
    }

    /** Budget days in the standard zone, Asia/Shanghai. */
    public TotalsReadModel() {
        this(BudgetDay.standard());
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public List<Table> tables() {
        return TotalsTables.ALL;
    }

    @Override
    public Table appliedEvents() {
        return JOURNAL;
    }

    @Override
    public void rowsTouchedBy(ProjectedEvent event, BiConsumer<Table, Object> rows) {
        if (event.payload() instanceof DepartmentScoped scoped) {
            rows.accept(DEPARTMENT, scoped.departmentId());
            if (scoped.unitId() != null) {
                rows.accept(UNIT, scoped.unitId());
            }
        }
        if (event.payload() instanceof ProjectEvent project) {
            rows.accept(PROJECT, project.projectId());
        }
        if (event.payload() instanceof IndicatorAdded || event.payload() instanceof IndicatorRevised
                || event.payload() instanceof IndicatorRemoved) {
            rows.accept(INDICATOR, ((ProjectEvent) event.payload()).projectId());
        }
        if (event.payload() instanceof IndicatorResultReported || event.payload() instanceof IndicatorRemoved) {
            rows.accept(INDICATOR_RESULT, ((ProjectEvent) event.payload()).projectId());
        }
    }

    @Override
    public void apply(ProjectedEvent event, Rows rows) {
        Row journal = Journal.entry(event);
        Object payload = event.payload();
        if (payload instanceof ProjectCreated created) {
            created(event, created, rows, journal);
        } else if (payload instanceof ProjectEvent projectEvent) {
            rows.find(PROJECT, projectEvent.projectId()).ifPresentOrElse(project -> {
                project.set("version", Math.max(project.number("version"), event.sequence()));
                changed(event, project, rows, journal);
                rows.save(project);
            }, () -> journal.set("what", event.type() + " of a project the ledger never saw created: " + projectEvent.projectId()));
        } else if (payload instanceof DeclaredTotalRecorded declared) {
            declared(event, declared, rows, journal);
        } else if (payload instanceof UnitRegistered registered) {
            Row department = department(rows, registered.departmentId(), registered.department(), registered.fiscalYear(), event.position());
            unit(rows, registered.unitId(), department, registered.unit(), event.position());
            journal.set("what", "unit " + registered.unit() + " registered");
        } else if (payload instanceof ListedProjectsChanged listed) {
            journal.set("department_id", listed.departmentId()).set("what", "the document lists " + listed.added().size()
                    + " projects it did not list before and no longer lists " + listed.removed().size());
        } else if (payload instanceof DocumentImported imported) {
            journal.set("department_id", imported.departmentId()).set("what", "document " + imported.document() + " imported: "
                    + imported.changes().events() + " changes, " + imported.findings().size() + " findings");
        } else {
            journal.set("what", event.type());
        }
        journal.set(TotalsTables.EFFECTIVE_ON, days.effectiveOn(event, Journal.fiscalYear(event, rows)).toString());
        rows.append(journal);
    }


    private void created(ProjectedEvent event, ProjectCreated created, Rows rows, Row journal) {
        long position = event.position();
        Row department = department(rows, created.departmentId(), created.department(), created.fiscalYear(), position);
        unit(rows, created.unitId(), department, created.unit(), position);
        Row project = figure(PROJECT, position)
                .set("project_id", created.projectId())
                .set("unit_id", created.unitId())
                .set("department_id", created.departmentId())
                .set("name", created.name())
                .set("goal", created.goal())
                .set("version", event.sequence())
                .set("indicator_count", 0L)
                .set("withdrawn", false);
        Map<FundingSource, BigDecimal> amounts = new EnumMap<>(FundingSource.class);
        for (FundingSource source : FundingSource.values()) {
            amounts.put(source, created.allocations().getOrDefault(source, ZERO));
        }
        move(event, project, Move.allocation(amounts, 1, 0, null), rows);
        rows.append(GOAL_HISTORY.newRow().set("project_id", created.projectId()).set(POSITION, position).set("goal", created.goal()));
        journal.set("amount_after", Allocations.total(amounts)).set("what", "project " + created.name() + " created in " + created.unit());
    }

    private void changed(ProjectedEvent event, Row project, Rows rows, Row journal) {
        Object payload = event.payload();
        String name = project.text("name");
        if (payload instanceof AllocationRevised revised) {
            allocation(event, project, revised.fundingSource(), revised.before(), revised.after(), rows, journal);
            journal.set("what", name + ": " + revised.fundingSource().label() + " revised");
        } else if (payload instanceof AllocationTransferred transferred) {
            allocation(event, project, transferred.fundingSource(), transferred.before(), transferred.after(), rows, journal);
            journal.set("transfer_id", transferred.transferId()).set("what", name + ": " + transferred.fundingSource().label()
                    + (transferred.delta().signum() < 0 ? " transferred out" : " transferred in") + " (transfer " + transferred.transferId() + ")");
        } else if (payload instanceof ProjectWithdrawn withdrawn) {
            Map<FundingSource, BigDecimal> changes = new EnumMap<>(FundingSource.class);
            boolean chained = true;
            for (FundingSource source : FundingSource.values()) {
                BigDecimal held = project.amount(amount(source));
                changes.put(source, held.negate());
                chained &= held.compareTo(withdrawn.allocations().getOrDefault(source, ZERO)) == 0;
            }
            BigDecimal total = Allocations.total(withdrawn.allocations());
            project.set("withdrawn", true);
            move(event, project, Move.allocation(changes, -1, chained ? 0 : 1, null), rows);
            journal.set("amount_before", total).set("amount_after", ZERO).set("what", name + ": withdrawn");
        } else if (payload instanceof ExpenditureRecorded paid) {
            spending(event, project, paid.fundingSource(), paid.spentBefore(), paid.spentAfter(), rows, journal);
            journal.set("expenditure_id", paid.expenditureId()).set("voucher_no", paid.voucherNo()).set("paid_on", paid.paidOn().toString())
                    .set("payee", paid.payee()).set("economic_class", paid.economicClass())
                    .set("what", name + ": paid " + paid.amount().toPlainString() + " from " + paid.fundingSource().label()
                            + " (voucher " + paid.voucherNo() + ")");
        } else if (payload instanceof ExpenditureReversed reversed) {
            spending(event, project, reversed.fundingSource(), reversed.spentBefore(), reversed.spentAfter(), rows, journal);
            journal.set("expenditure_id", reversed.expenditureId()).set("voucher_no", reversed.reversalVoucherNo())
                    .set("reverses_voucher_no", reversed.voucherNo())
                    .set("paid_on", reversed.reversedOn().toString()).set("what", name + ": payment of " + reversed.amount().toPlainString()
                            + " under voucher " + reversed.voucherNo() + " reversed");
        } else if (payload instanceof IndicatorResultReported reported) {
            result(event, reported.projectId(), reported.no(), reported.period(), reported.actual(), reported.reportedOn().toString(), rows);
            journal.set("what", name + ": indicator " + reported.no() + " " + reported.period().label() + " result " + reported.actual());
        } else if (payload instanceof GoalRevised goal) {
            project.set("goal", goal.after());
            rows.append(GOAL_HISTORY.newRow().set("project_id", goal.projectId()).set(POSITION, event.position()).set("goal", goal.after()));
            journal.set("what", name + ": goal revised");
        } else if (payload instanceof IndicatorAdded added) {
            Indicator indicator = new Indicator(added.no(), added.level1(), added.level2(), added.name(), added.periodTarget(),
                    added.annualTarget());
            if (rows.find(INDICATOR, added.projectId(), (long) added.no()).isEmpty()) {
                project.add("indicator_count", 1);
            }
            indicator(event, added.projectId(), indicator, false, rows);
            journal.set("what", name + ": indicator " + added.no() + " added (" + added.name() + ")");
        } else if (payload instanceof IndicatorRevised revised) {
            indicator(event, revised.projectId(), revised.after(), false, rows);
            journal.set("what", name + ": indicator " + revised.after().no() + " revised");
        } else if (payload instanceof IndicatorRemoved removed) {
            if (rows.find(INDICATOR, removed.projectId(), (long) removed.removed().no()).isPresent()) {
                project.add("indicator_count", -1);
            }
            indicator(event, removed.projectId(), removed.removed(), true, rows);
            for (ResultPeriod period : ResultPeriod.values()) {
                result(event, removed.projectId(), removed.removed().no(), period, null, null, rows);
            }
            journal.set("what", name + ": indicator " + removed.removed().no() + " removed");
        } else {
            journal.set("what", name + ": " + event.type());
        }
    }

    /** One funding source of a project set to {@code after}; a {@code before} that is not where it stood is a break. */
    private void allocation(ProjectedEvent event, Row project, FundingSource source, BigDecimal before, BigDecimal after, Rows rows,
            Row journal) {
        long breaks = project.amount(amount(source)).compareTo(before) == 0 ? 0 : 1;
        move(event, project, Move.allocation(Map.of(source, after.subtract(project.amount(amount(source)))), 0, breaks, source), rows);
        journal.set("funding_source", source.name()).set("amount_before", before).set("amount_after", after);
    }

    /** What one funding source of a project has spent set to {@code after}, as {@link #allocation} does for what it is given. */
    private void spending(ProjectedEvent event, Row project, FundingSource source, BigDecimal before, BigDecimal after, Rows rows,
            Row journal) {
        long breaks = project.amount(spent(source)).compareTo(before) == 0 ? 0 : 1;
        move(event, project, Move.spending(Map.of(source, after.subtract(project.amount(spent(source)))), breaks, source), rows);
        journal.set("funding_source", source.name()).set("amount_before", before).set("amount_after", after);
    }

    /** A result as reported, or with {@code actual} null the result gone with its indicator. */
    private static void result(ProjectedEvent event, String projectId, int no, ResultPeriod period, String actual, String reportedOn,
            Rows rows) {
        Object[] key = {projectId, (long) no, period.name()};
        if (actual == null) {
            // only a result that was there leaves a trace of its going
            Optional<Row> reported = rows.find(INDICATOR_RESULT, key);
            if (reported.isEmpty()) {
                return;
            }
            rows.delete(reported.get());
        } else {
            rows.save(INDICATOR_RESULT.newRow().set("project_id", projectId).set("no", (long) no).set("period", period.name())
                    .set("actual", actual).set("reported_on", reportedOn).set(POSITION, event.position()));
        }
        rows.append(RESULT_HISTORY.newRow().set("project_id", projectId).set("no", (long) no).set("period", period.name())
                .set(POSITION, event.position()).set("actual", actual).set("reported_on", reportedOn));
    }

    private static void indicator(ProjectedEvent event, String projectId, Indicator indicator, boolean removed, Rows rows) {
        Row current = INDICATOR.newRow().set("project_id", projectId).set("no", (long) indicator.no());
        if (removed) {
            rows.find(INDICATOR, projectId, (long) indicator.no()).ifPresent(rows::delete);
        } else {
            rows.save(indicatorValues(current, indicator));
        }
        rows.append(indicatorValues(INDICATOR_HISTORY.newRow().set("project_id", projectId).set("no", (long) indicator.no())
                .set(POSITION, event.position()), indicator).set("removed", removed));
    }

    private static Row indicatorValues(Row row, Indicator indicator) {
        return row.set("level1", indicator.level1()).set("level2", indicator.level2()).set("name", indicator.name())
                .set("period_target", indicator.periodTarget()).set("annual_target", indicator.annualTarget());
    }

    private static void declared(ProjectedEvent event, DeclaredTotalRecorded declared, Rows rows, Row journal) {
        long position = event.position();
        Row figure = department(rows, declared.departmentId(), declared.department(), declared.fiscalYear(), position);
        if (declared.unitId() != null) {
            figure = unit(rows, declared.unitId(), figure, declared.unit(), position);
        }
        // a declaration that committed after a later one does not replace it
        if (position > figure.number(DECLARED_POSITION)) {
            figure.set(DECLARED_TOTAL, declared.after()).set(DECLARED_POSITION, position);
            rows.save(figure);
        }
        rows.append(DECLARED_HISTORY.newRow().set("figure_id", figure.key().get(0)).set(POSITION, position)
                .set(DECLARED_TOTAL, declared.after()));
        journal.set("amount_before", declared.before()).set("amount_after", declared.after())
                .set("what", "declared total of " + (declared.unit() == null ? "the department" : declared.unit()));
    }

    /** Moves a project's money, and its unit's and department's by the same, on the budget day it takes effect. */
    private void move(ProjectedEvent event, Row project, Move move, Rows rows) {
        String projectId = project.text("project_id");
        Optional<Row> department = rows.find(DEPARTMENT, project.text("department_id"));
        Row history = FIGURE_HISTORY.newRow()
                .set(TotalsTables.EFFECTIVE_ON, days.effectiveOn(event, department.map(d -> d.number("fiscal_year")).orElse(0L)).toString())
                .set(TotalsTables.ORIGINAL, BudgetDay.original(event) && TotalsTables.ALLOCATED.equals(move.moves()))
                .set(TotalsTables.PROJECT_CHANGE, move.projects());
        record(event, project, projectId, move, history.copy(), rows);
        rows.find(UNIT, project.text("unit_id")).ifPresent(unit -> record(event, unit, projectId, move, history.copy(), rows));
        department.ifPresent(d -> record(event, d, projectId, move, history.copy(), rows));
    }

    /**
     * Applies a change to one figure and writes its history row. Events normally come in
     * store order. One that committed late — after events with higher positions were
     * applied — is placed at its own position, and the rows after it move by its change,
     * so that every history row holds the figure as of its position.
     */
    private void record(ProjectedEvent event, Row figure, String projectId, Move move, Row history, Rows rows) {
        long position = event.position();
        String figureId = (String) figure.key().get(0);
        history.set("figure_id", figureId).set(POSITION, position).set("project_id", projectId)
                .set("funding_source", move.source() == null ? null : move.source().name()).set(TotalsTables.MOVES, move.moves());
        Map<String, BigDecimal> changes = move.columns(history.flag(TotalsTables.ORIGINAL));
        for (FundingSource s : FundingSource.values()) {
            history.set(change(s), changes.get(amount(s))).set(spentChange(s), changes.get(spent(s)));
        }
        changes.forEach(figure::add);
        figure.add(PROJECTS, move.projects()).add(BREAKS, move.breaks());
        if (position > figure.number(MONEY_POSITION)) {
            changes.keySet().forEach(column -> history.set(column, figure.amount(column)));
            history.set(PROJECTS, figure.number(PROJECTS)).set(BREAKS, figure.number(BREAKS));
            figure.set(MONEY_POSITION, position);
        } else {
            Row before = rows.latestBefore(FIGURE_HISTORY, List.of(figureId), position).orElse(null);
            changes.forEach((column, change) -> history.set(column, (before == null ? ZERO : before.amount(column)).add(change)));
            history.set(PROJECTS, (before == null ? 0 : before.number(PROJECTS)) + move.projects());
            history.set(BREAKS, (before == null ? 0 : before.number(BREAKS)) + move.breaks());
            Map<String, Object> shift = new LinkedHashMap<>(changes);
            shift.put(PROJECTS, move.projects());
            shift.put(BREAKS, move.breaks());
            rows.shiftAfter(FIGURE_HISTORY, List.of(figureId), position, shift);
        }
        rows.append(history);
        rows.save(figure);
    }

    private static Row department(Rows rows, String id, String name, int fiscalYear, long position) {
        Row department = rows.find(DEPARTMENT, id).orElseGet(() -> figure(DEPARTMENT, position)
                .set("department_id", id).set("name", name).set("fiscal_year", (long) fiscalYear));
        department.set(FIRST_POSITION, Math.min(department.number(FIRST_POSITION), position));
        rows.save(department);
        return department;
    }

    private static Row unit(Rows rows, String id, Row department, String name, long position) {
        Row unit = rows.find(UNIT, id).orElseGet(() -> figure(UNIT, position)
                .set("unit_id", id).set("department_id", department.key().get(0)).set("name", name));
        unit.set(FIRST_POSITION, Math.min(unit.number(FIRST_POSITION), position));
        rows.save(unit);
        return unit;
    }

    /** A new department, unit or project row: no money yet, nothing declared. */
    private static Row figure(Table table, long position) {
        Row row = table.newRow();
        for (FundingSource source : FundingSource.values()) {
            row.set(amount(source), ZERO).set(spent(source), ZERO).set(TotalsTables.original(source), ZERO);
        }
        row.set(PROJECTS, 0L).set(BREAKS, 0L).set(MONEY_POSITION, -1L).set(FIRST_POSITION, position);
        if (table != PROJECT) {
            row.set(DECLARED_POSITION, -1L);
        }
        return row;
    }
}
