package org.publicbudget.ledger.query.totals;

import static org.publicbudget.ledger.query.readmodel.Column.Type.AMOUNT;
import static org.publicbudget.ledger.query.readmodel.Column.Type.CODE;
import static org.publicbudget.ledger.query.readmodel.Column.Type.FLAG;
import static org.publicbudget.ledger.query.readmodel.Column.Type.ID;
import static org.publicbudget.ledger.query.readmodel.Column.Type.MOMENT;
import static org.publicbudget.ledger.query.readmodel.Column.Type.NUMBER;
import static org.publicbudget.ledger.query.readmodel.Column.Type.TEXT;

import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.publicbudget.ledger.domain.money.FundingSource;
import org.publicbudget.ledger.query.readmodel.Table;

/**
 * What the totals read model keeps. Departments, units and projects each have a
 * current row; every change of their money is also kept as a history row at the
 * event's position, holding the figure after it, so that a figure as of any moment and
 * a page of its trail are index reads; and with the budget day it takes effect on, so
 * that a figure as effective on a day is a sum of the changes effective by then. The journal has one row per event: what
 * happened, to what, who did it and why.
 */
public final class TotalsTables {

    /** The figure columns of departments, units and projects, and of their history. */
    public static final String PROJECTS = "projects";
    public static final String BREAKS = "breaks";
    public static final String MONEY_POSITION = "money_position";
    public static final String FIRST_POSITION = "first_position";
    public static final String DECLARED_TOTAL = "declared_total";
    public static final String DECLARED_POSITION = "declared_position";
    public static final String POSITION = "position";
    /** The budget day a change takes effect on (生效日期), ISO text: see {@link BudgetDay}. */
    public static final String EFFECTIVE_ON = "effective_on";
    /** Whether a history row belongs to the original budget (年初预算): a creation, or a document's change without a date of its own. */
    public static final String ORIGINAL = "original";
    /** How many projects a history row's change added (1) or took away (−1). */
    public static final String PROJECT_CHANGE = "project_change";
    /** What a history row of a figure moved: its allocations ({@value #ALLOCATED}) or what it spent ({@value #SPENT}). */
    public static final String MOVES = "moves";
    public static final String ALLOCATED = "allocated";
    public static final String SPENT = "spent";
    private static final Map<FundingSource, String> AMOUNTS = columns("amount_");
    private static final Map<FundingSource, String> CHANGES = columns("change_");
    private static final Map<FundingSource, String> SPENT_AMOUNTS = columns("spent_");
    private static final Map<FundingSource, String> SPENT_CHANGES = columns("spent_change_");
    private static final Map<FundingSource, String> ORIGINALS = columns("original_");

    public static final Table DEPARTMENT = figure(Table.state("budget_department")
            .key("department_id", ID)
            .column("name", TEXT)
            .column("fiscal_year", NUMBER)
            .column(DECLARED_TOTAL, AMOUNT)
            .column(DECLARED_POSITION, NUMBER))
            .index("fiscal_year", FIRST_POSITION)
            .build();

    public static final Table UNIT = figure(Table.state("budget_unit")
            .key("unit_id", ID)
            .column("department_id", ID)
            .column("name", TEXT)
            .column(DECLARED_TOTAL, AMOUNT)
            .column(DECLARED_POSITION, NUMBER))
            .index("department_id", FIRST_POSITION)
            .index(FIRST_POSITION)
            .build();

    public static final Table PROJECT = figure(Table.state("budget_project")
            .key("project_id", ID)
            .column("unit_id", ID)
            .column("department_id", ID)
            .column("name", TEXT)
            .column("goal", TEXT)
            .column("version", NUMBER)
            .column("indicator_count", NUMBER)
            .column("withdrawn", FLAG))
            .index("unit_id", FIRST_POSITION)
            .index("department_id", FIRST_POSITION)
            .build();

    public static final Table INDICATOR = Table.state("budget_indicator")
            .key("project_id", ID)
            .key("no", NUMBER)
            .column("level1", CODE)
            .column("level2", CODE)
            .column("name", TEXT)
            .column("period_target", TEXT)
            .column("annual_target", TEXT)
            .build();

    /**
     * The money of a department, unit or project after each change: per funding source,
     * the amount allocated and the amount spent after it and the changes; the projects it
     * counts (a project counts itself while not withdrawn); and how many changes so far
     * did not start where the figure stood (a broken chain, which an auditor must see).
     * {@value #MOVES} says which of the two a row changed, so that each trail is an index range.
     */
    public static final Table FIGURE_HISTORY = changes(Table.history("figure_history")
            .key("figure_id", ID)
            .key(POSITION, NUMBER)
            .column("project_id", ID)
            .column("funding_source", CODE)
            .column(MOVES, CODE))
            .column(PROJECTS, NUMBER)
            .column(BREAKS, NUMBER)
            .column(EFFECTIVE_ON, CODE)
            .column(ORIGINAL, FLAG)
            .column(PROJECT_CHANGE, NUMBER)
            .index("figure_id", MOVES, POSITION)
            .build();

    /** The result of each indicator per period (MID_YEAR, ANNUAL) as last reported. */
    public static final Table INDICATOR_RESULT = Table.state("indicator_result")
            .key("project_id", ID)
            .key("no", NUMBER)
            .key("period", CODE)
            .column("actual", TEXT)
            .column("reported_on", CODE)
            .column(POSITION, NUMBER)
            .build();

    /** Every report of a result; a row without {@code actual} is the result gone with its indicator. */
    public static final Table RESULT_HISTORY = Table.history("result_history")
            .key("project_id", ID)
            .key("no", NUMBER)
            .key("period", CODE)
            .key(POSITION, NUMBER)
            .column("actual", TEXT)
            .column("reported_on", CODE)
            .build();

    public static final Table DECLARED_HISTORY = Table.history("declared_history")
            .key("figure_id", ID)
            .key(POSITION, NUMBER)
            .column(DECLARED_TOTAL, AMOUNT)
            .build();

    public static final Table GOAL_HISTORY = Table.history("goal_history")
            .key("project_id", ID)
            .key(POSITION, NUMBER)
            .column("goal", TEXT)
            .build();

    /** Each indicator after each change; a removal keeps what was removed, flagged. */
    public static final Table INDICATOR_HISTORY = Table.history("indicator_history")
            .key("project_id", ID)
            .key("no", NUMBER)
            .key(POSITION, NUMBER)
            .column("level1", CODE)
            .column("level2", CODE)
            .column("name", TEXT)
            .column("period_target", TEXT)
            .column("annual_target", TEXT)
            .column("removed", FLAG)
            .build();

    /** One row per event, in store order: the trail's who, when, why and from which document. */
    public static final Table JOURNAL = Table.history("ledger_journal")
            .key(POSITION, NUMBER)
            .column("event_id", ID)
            .column("event_type", CODE)
            .column("aggregate_id", ID)
            .column("sequence_number", NUMBER)
            .column("recorded_at", MOMENT)
            .column("effective_date", CODE)
            .column("department_id", ID)
            .column("unit_id", ID)
            .column("project_id", ID)
            .column("funding_source", CODE)
            .column("amount_before", AMOUNT)
            .column("amount_after", AMOUNT)
            .column("transfer_id", ID)
            .column("what", TEXT)
            .column("actor", TEXT)
            .column("reason", TEXT)
            .column("correlation_id", TEXT)
            .column("request_id", TEXT)
            .column("document", TEXT)
            .column("source_lines", TEXT)
            .column("document_number", TEXT)
            .column("batch_id", ID)
            .column("expenditure_id", ID)
            .column("voucher_no", TEXT)
            .column("paid_on", CODE)
            .column("payee", TEXT)
            .column("economic_class", CODE)
            .column("reverses_voucher_no", TEXT)
            .column(EFFECTIVE_ON, CODE)
            .index("department_id", POSITION)
            .index("recorded_at", POSITION)
            .index("aggregate_id", POSITION)
            .build();

    public static final List<Table> ALL = List.of(DEPARTMENT, UNIT, PROJECT, INDICATOR, FIGURE_HISTORY, DECLARED_HISTORY, GOAL_HISTORY,
            INDICATOR_HISTORY, INDICATOR_RESULT, RESULT_HISTORY, JOURNAL);

    private TotalsTables() {
    }

    /** The column of a funding source's amount: {@code amount_fiscal_appropriation}. */
    public static String amount(FundingSource source) {
        return AMOUNTS.get(source);
    }

    /** The column of a funding source's original budget (年初预算): {@code original_fiscal_appropriation}. */
    public static String original(FundingSource source) {
        return ORIGINALS.get(source);
    }

    /** The column of a funding source's change in a history row. */
    public static String change(FundingSource source) {
        return CHANGES.get(source);
    }

    /** The column of what a funding source has spent: {@code spent_fiscal_appropriation}. */
    public static String spent(FundingSource source) {
        return SPENT_AMOUNTS.get(source);
    }

    /** The column of a funding source's change in spending in a history row. */
    public static String spentChange(FundingSource source) {
        return SPENT_CHANGES.get(source);
    }

    private static Map<FundingSource, String> columns(String prefix) {
        Map<FundingSource, String> columns = new EnumMap<>(FundingSource.class);
        for (FundingSource source : FundingSource.values()) {
            columns.put(source, prefix + source.name().toLowerCase(Locale.ROOT));
        }
        return columns;
    }

    /** A department's, unit's or project's money now: amounts and spending per source, projects counted, breaks, the last change's position. */
    private static Table.Builder figure(Table.Builder table) {
        for (FundingSource source : FundingSource.values()) {
            table.column(amount(source), AMOUNT);
        }
        for (FundingSource source : FundingSource.values()) {
            table.column(spent(source), AMOUNT);
        }
        for (FundingSource source : FundingSource.values()) {
            table.column(original(source), AMOUNT);
        }
        return table.column(PROJECTS, NUMBER).column(BREAKS, NUMBER).column(MONEY_POSITION, NUMBER).column(FIRST_POSITION, NUMBER);
    }

    private static Table.Builder changes(Table.Builder table) {
        for (FundingSource source : FundingSource.values()) {
            table.column(amount(source), AMOUNT);
        }
        for (FundingSource source : FundingSource.values()) {
            table.column(change(source), AMOUNT);
        }
        for (FundingSource source : FundingSource.values()) {
            table.column(spent(source), AMOUNT);
        }
        for (FundingSource source : FundingSource.values()) {
            table.column(spentChange(source), AMOUNT);
        }
        for (FundingSource source : FundingSource.values()) {
            table.column(original(source), AMOUNT);
        }
        return table;
    }
}
