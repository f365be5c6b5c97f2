package org.publicbudget.ledger.query.totals.queries;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.publicbudget.ledger.domain.money.Amounts;
import org.publicbudget.ledger.domain.money.FundingSource;
import org.publicbudget.ledger.query.totals.TotalsTables;

/**
 * The SQL that reads the money of departments, units or projects: now, from their own
 * rows; as of a position, from the history row at or before it — one index seek per
 * row returned, whatever the size of the store; as effective on a budget day, from the
 * sum of the changes effective by then.
 */
final class FigureSql {

    /** Money as read: amounts and spending per funding source (all present, canonical), projects counted, breaks. */
    record Money(Map<FundingSource, BigDecimal> amounts, Map<FundingSource, BigDecimal> spent, Map<FundingSource, BigDecimal> original,
            long projects, long breaks) {

        Execution execution() {
            return Execution.of(amounts, spent);
        }

        Budget budget() {
            return Budget.of(original, amounts);
        }
    }

    static final int COLUMNS = 3 * FundingSource.values().length + 2;

    private final String alias;
    private final String idColumn;
    private final Long at;
    private final LocalDate effectiveOn;
    private final boolean lateral;

    /**
     * {@code alias} names the department, unit or project table in the query, {@code when} the figures wanted;
     * {@code lateral}: the database joins laterally (PostgreSQL), so that only the figures read are summed.
     */
    FigureSql(String alias, String idColumn, FigureTime when, boolean lateral) {
        this.alias = alias;
        this.idColumn = idColumn;
        this.at = when.position();
        this.effectiveOn = when.effectiveOn();
        this.lateral = lateral;
    }

    /** The money columns, {@value #COLUMNS} of them, for the select list. */
    String columns() {
        String from = at == null && effectiveOn == null ? alias : alias + "_h";
        StringBuilder sql = new StringBuilder();
        for (FundingSource source : FundingSource.values()) {
            sql.append(from).append('.').append(TotalsTables.amount(source)).append(", ");
        }
        for (FundingSource source : FundingSource.values()) {
            sql.append(from).append('.').append(TotalsTables.spent(source)).append(", ");
        }
        for (FundingSource source : FundingSource.values()) {
            sql.append(from).append('.').append(TotalsTables.original(source)).append(", ");
        }
        return sql.append(from).append(".projects, ").append(from).append(".breaks").toString();
    }

    /** The declared total for the select list; {@link #declaredArgs} gives its parameters. */
    String declared() {
        return at == null ? alias + ".declared_total"
                : "(SELECT dh.declared_total FROM declared_history dh WHERE dh.figure_id = " + alias + "." + idColumn
                        + " AND dh.position <= ? ORDER BY dh.position DESC LIMIT 1)";
    }

    void declaredArgs(List<Object> args) {
        if (at != null) {
            args.add(at);
        }
    }

    /**
     * The join that brings the history row as of the position; nothing for now. As
     * effective on a day, the sum of the changes effective by then (and recorded by the
     * position): a read of every change of the figure, not one seek.
     */
    String join(List<Object> args) {
        if (effectiveOn != null) {
            return effectiveJoin(args);
        }
        if (at == null) {
            return "";
        }
        args.add(at);
        String h = alias + "_h";
        return " LEFT JOIN figure_history " + h + " ON " + h + ".figure_id = " + alias + "." + idColumn + " AND " + h
                + ".position = (SELECT MAX(y.position) FROM figure_history y WHERE y.figure_id = " + alias + "." + idColumn
                + " AND y.position <= ?)";
    }

    private String effectiveJoin(List<Object> args) {
        StringBuilder sums = new StringBuilder();
        for (FundingSource source : FundingSource.values()) {
            String change = "y." + TotalsTables.change(source);
            sums.append("SUM(").append(change).append(") AS ").append(TotalsTables.amount(source)).append(", SUM(y.")
                    .append(TotalsTables.spentChange(source)).append(") AS ").append(TotalsTables.spent(source))
                    .append(", SUM(CASE WHEN y.original THEN ").append(change).append(" ELSE 0 END) AS ")
                    .append(TotalsTables.original(source)).append(", ");
        }
        args.add(effectiveOn.toString());
        String recorded = "";
        if (at != null) {
            args.add(at);
            recorded = " AND y.position <= ?";
        }
        String h = alias + "_h";
        String figures = "COALESCE(SUM(y.project_change), 0) AS projects, COALESCE(MAX(y.breaks), 0) AS breaks FROM figure_history y WHERE ";
        if (lateral) {
            return " LEFT JOIN LATERAL (SELECT " + sums + figures + "y.figure_id = " + alias + "." + idColumn + " AND y.effective_on <= ?"
                    + recorded + ") " + h + " ON TRUE";
        }
        return " LEFT JOIN (SELECT y.figure_id, " + sums + figures + "y.effective_on <= ?" + recorded + " GROUP BY y.figure_id) " + h + " ON "
                + h + ".figure_id = " + alias + "." + idColumn;
    }

    /** Only what existed at the position. */
    String existed(List<Object> args) {
        if (at == null) {
            return "1 = 1";
        }
        args.add(at);
        return alias + ".first_position <= ?";
    }

    /** The money columns starting at result column {@code first}; no history yet reads as zero. */
    static Money read(ResultSet rs, int first) throws SQLException {
        int sources = FundingSource.values().length;
        return new Money(amounts(rs, first), amounts(rs, first + sources), amounts(rs, first + 2 * sources),
                rs.getLong(first + 3 * sources), rs.getLong(first + 3 * sources + 1));
    }

    private static Map<FundingSource, BigDecimal> amounts(ResultSet rs, int first) throws SQLException {
        Map<FundingSource, BigDecimal> amounts = new EnumMap<>(FundingSource.class);
        int column = first;
        for (FundingSource source : FundingSource.values()) {
            BigDecimal amount = rs.getBigDecimal(column++);
            amounts.put(source, Amounts.canonical(amount == null ? BigDecimal.ZERO : amount));
        }
        return amounts;
    }
}
