package org.publicbudget.ledger.query.audit;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.publicbudget.ledger.domain.money.Amounts;
import org.publicbudget.ledger.domain.money.FundingSource;
import org.publicbudget.ledger.domain.project.api.Indicator;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.annotation.Isolation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Explains a figure — a project's allocation from one funding source, a project, unit
 * or department total, an indicator — step by step, in the event store's order. Each
 * step is a history row the projection wrote when it applied the event, with the
 * event's who, when, why and from which document: a page of a trail is one index range
 * read, and the figure as of any moment one index seek. Each trail is read in one
 * snapshot, so that its steps and its final value come from the same moment.
 */
public class AuditTrail {

    private static final String JOURNAL_COLUMNS = "j.event_id, j.event_type, j.recorded_at, j.actor, j.reason, j.correlation_id, "
            + "j.request_id, j.document, j.source_lines, j.document_number, j.effective_date, j.transfer_id, j.batch_id, "
            + "j.expenditure_id, j.voucher_no, j.paid_on, j.effective_on, j.payee, j.economic_class, "
            + "j.reverses_voucher_no";

    private final JdbcTemplate jdbc;

    public AuditTrail(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * A project's total, or with {@code source} its allocation from that funding source;
     * with {@link TrailFigure#SPENT} what it spent, payment by payment.
     */
    @Transactional(readOnly = true, isolation = Isolation.REPEATABLE_READ)
    public Optional<Trail> ofProject(String projectId, TrailFigure figure, FundingSource source, Long at, TrailPage page) {
        return ofProject(projectId, figure, source, at, null, page);
    }

    /** The same, counting only the changes effective by the end of {@code effectiveOn} (null: all). */
    @Transactional(readOnly = true, isolation = Isolation.REPEATABLE_READ)
    public Optional<Trail> ofProject(String projectId, TrailFigure figure, FundingSource source, Long at, LocalDate effectiveOn,
            TrailPage page) {
        String name = "project/" + projectId + (figure == TrailFigure.SPENT ? "/spent" + (source == null ? "" : "/" + source)
                : source == null ? "/total" : "/allocation/" + source);
        return trail("budget_project", "project_id", projectId, name, figure, source, at, effectiveOn, page);
    }

    @Transactional(readOnly = true, isolation = Isolation.REPEATABLE_READ)
    public Optional<Trail> ofUnit(String unitId, TrailFigure figure, Long at, LocalDate effectiveOn, TrailPage page) {
        return trail("budget_unit", "unit_id", unitId, "unit/" + unitId + suffix(figure), figure, null, at, effectiveOn, page);
    }

    @Transactional(readOnly = true, isolation = Isolation.REPEATABLE_READ)
    public Optional<Trail> ofDepartment(String departmentId, TrailFigure figure, Long at, LocalDate effectiveOn, TrailPage page) {
        return trail("budget_department", "department_id", departmentId, "department/" + departmentId + suffix(figure), figure, null, at,
                effectiveOn, page);
    }

    private static String suffix(TrailFigure figure) {
        return figure == TrailFigure.SPENT ? "/spent" : "/total";
    }

    /**
     * One figure's trail. {@code consistent}: no step of its history up to the moment
     * started anywhere but where the figure stood (the projection counts such breaks as
     * it applies events), and — for the present — the end of the history is what the
     * figure's current row shows. As effective on a budget day, only the changes effective
     * by then, in the order recorded, each step's before and after the running sum of
     * those changes, and the final value their sum.
     */
    private Optional<Trail> trail(String table, String idColumn, String id, String name, TrailFigure figure, FundingSource source, Long at,
            LocalDate effectiveOn, TrailPage page) {
        List<Object> args = new ArrayList<>(List.of(id));
        String existed = at == null ? "" : " AND first_position <= ?";
        if (at != null) {
            args.add(at);
        }
        List<BigDecimal> current = jdbc.query("SELECT " + money("", figure, source) + " FROM " + table + " WHERE " + idColumn + " = ?" + existed,
                (rs, i) -> value(rs, 1, source), args.toArray());
        if (current.isEmpty()) {
            return Optional.empty();
        }
        List<Object[]> end = jdbc.query("SELECT " + money("", figure, source) + ", breaks FROM figure_history WHERE figure_id = ?"
                        + (at == null ? "" : " AND position <= ?") + " ORDER BY position DESC LIMIT 1",
                (rs, i) -> new Object[] {value(rs, 1, source), rs.getLong(source == null ? FundingSource.values().length + 1 : 2)},
                at == null ? new Object[] {id} : new Object[] {id, at});
        BigDecimal finalValue = end.isEmpty() ? BigDecimal.ZERO : (BigDecimal) end.get(0)[0];
        boolean unbroken = end.isEmpty() || (long) end.get(0)[1] == 0;

        List<Object> stepArgs = new ArrayList<>(List.of(id, figure.moves(), page.after()));
        String condition = "h.figure_id = ? AND h.moves = ? AND h.position > ?";
        if (at != null) {
            condition += " AND h.position <= ?";
            stepArgs.add(at);
        }
        if (source != null) {
            condition += " AND (h.funding_source = ? OR h.funding_source IS NULL)";
            stepArgs.add(source.name());
        }
        if (effectiveOn != null) {
            condition += " AND h.effective_on <= ?";
            stepArgs.add(effectiveOn.toString());
        }
        stepArgs.add(page.limit() + 1);
        List<TrailStep> steps = jdbc.query("SELECT h.position, h.project_id, h.funding_source, " + money("h.", figure, source) + ", "
                + changes("h.", figure, source) + ", " + JOURNAL_COLUMNS + " FROM (SELECT * FROM figure_history h WHERE " + condition
                + " ORDER BY h.position LIMIT ?) h" + withJournal("h") + " ORDER BY h.position",
                (rs, i) -> step(rs, source), stepArgs.toArray());
        Long nextAfter = null;
        if (steps.size() > page.limit()) {
            steps = steps.subList(0, page.limit());
            nextAfter = steps.get(steps.size() - 1).position();
        }
        if (effectiveOn != null) {
            BigDecimal running = effectiveSum(id, figure, source, at, effectiveOn, page.after());
            List<TrailStep> effective = new ArrayList<>(steps.size());
            for (TrailStep step : steps) {
                effective.add(step.from(running));
                running = running.add(step.delta());
            }
            steps = effective;
            finalValue = effectiveSum(id, figure, source, at, effectiveOn, Long.MAX_VALUE);
        }
        boolean consistent = unbroken && (at != null || effectiveOn != null || finalValue.compareTo(current.get(0)) == 0);
        return Optional.of(new Trail(name, Amounts.canonical(finalValue), List.copyOf(steps), consistent, nextAfter));
    }

    /** The figure's changes effective by {@code effectiveOn}, recorded by {@code at} and at or before position {@code upTo}, added up. */
    private BigDecimal effectiveSum(String id, TrailFigure figure, FundingSource source, Long at, LocalDate effectiveOn, long upTo) {
        List<Object> args = new ArrayList<>(List.of(id, figure.moves(), effectiveOn.toString(), upTo));
        String recorded = "";
        if (at != null) {
            recorded = " AND position <= ?";
            args.add(at);
        }
        String sums = source != null ? "SUM(" + figure.changeColumn(source) + ")"
                : String.join(", ", Arrays.stream(FundingSource.values()).map(s -> "SUM(" + figure.changeColumn(s) + ")").toList());
        return jdbc.query("SELECT " + sums + " FROM figure_history WHERE figure_id = ? AND moves = ? AND effective_on <= ? AND position <= ?"
                + recorded, (rs, i) -> {
                    BigDecimal sum = BigDecimal.ZERO;
                    int columns = source == null ? FundingSource.values().length : 1;
                    for (int c = 1; c <= columns; c++) {
                        BigDecimal part = rs.getBigDecimal(c);
                        sum = sum.add(part == null ? BigDecimal.ZERO : part);
                    }
                    return sum;
                }, args.toArray()).get(0);
    }

    private static TrailStep step(ResultSet rs, FundingSource source) throws SQLException {
        int width = source == null ? FundingSource.values().length : 1;
        BigDecimal after = value(rs, 4, source);
        BigDecimal delta = value(rs, 4 + width, source);
        int j = 4 + 2 * width;
        String fundingSource = rs.getString(3);
        return new TrailStep(rs.getLong(1), rs.getString(j), rs.getString(j + 1), rs.getObject(j + 2, OffsetDateTime.class).toInstant(),
                rs.getString(2), fundingSource == null ? null : FundingSource.valueOf(fundingSource), Amounts.canonical(after.subtract(delta)),
                Amounts.canonical(delta), Amounts.canonical(after), rs.getString(j + 3), rs.getString(j + 4), rs.getString(j + 5),
                rs.getString(j + 6), rs.getString(j + 7), rs.getString(j + 8), rs.getString(j + 9), rs.getString(j + 10), rs.getString(j + 11), rs.getString(j + 12),
                rs.getString(j + 13), rs.getString(j + 14), rs.getString(j + 15), rs.getString(j + 16), rs.getString(j + 17),
                rs.getString(j + 18), rs.getString(j + 19));
    }

    /**
     * Each step's journal entry, joined once the page's steps are chosen. With the page's
     * limit outside the join, PostgreSQL may instead merge the figure's history with the
     * journal from the journal's first position, reading every event before the
     * figure's first one: 100 ms at a million events, and growing with the store.
     */
    private static String withJournal(String steps) {
        return " JOIN ledger_journal j ON j.position = " + steps + ".position";
    }

    /** The amount columns of the figure: one source, or all of them (added up when read). */
    private static String money(String prefix, TrailFigure figure, FundingSource source) {
        return source != null ? prefix + figure.amountColumn(source)
                : String.join(", ", Arrays.stream(FundingSource.values()).map(s -> prefix + figure.amountColumn(s)).toList());
    }

    private static String changes(String prefix, TrailFigure figure, FundingSource source) {
        return source != null ? prefix + figure.changeColumn(source)
                : String.join(", ", Arrays.stream(FundingSource.values()).map(s -> prefix + figure.changeColumn(s)).toList());
    }

    /** The figure from its amount columns starting at {@code first}: the one source, or their sum. */
    private static BigDecimal value(ResultSet rs, int first, FundingSource source) throws SQLException {
        if (source != null) {
            return rs.getBigDecimal(first);
        }
        BigDecimal sum = BigDecimal.ZERO;
        for (int i = 0; i < FundingSource.values().length; i++) {
            sum = sum.add(rs.getBigDecimal(first + i));
        }
        return sum;
    }

    @Transactional(readOnly = true, isolation = Isolation.REPEATABLE_READ)
    public Optional<IndicatorTrail> ofIndicator(String projectId, int no, Long at, TrailPage page) {
        List<Object> args = new ArrayList<>(List.of(projectId, (long) no, page.after()));
        String upTo = "";
        if (at != null) {
            upTo = " AND i.position <= ?";
            args.add(at);
        }
        args.add(page.limit() + 1);
        List<Object[]> rows = jdbc.query("SELECT i.position, i.level1, i.level2, i.name, i.period_target, i.annual_target, i.removed, "
                + "j.event_id, j.event_type, j.recorded_at, j.effective_date, j.actor, j.reason, j.document, j.source_lines, j.request_id "
                + "FROM (SELECT * FROM indicator_history i WHERE i.project_id = ? AND i.no = ? AND i.position > ?" + upTo
                + " ORDER BY i.position LIMIT ?) i" + withJournal("i") + " ORDER BY i.position",
                (rs, i) -> new Object[] {rs.getLong(1), indicator(rs, no), rs.getBoolean(7), rs.getString(8), rs.getString(9),
                        rs.getObject(10, OffsetDateTime.class).toInstant(), rs.getString(11), rs.getString(12), rs.getString(13),
                        rs.getString(14), rs.getString(15), rs.getString(16)}, args.toArray());
        Indicator before = page.after() == 0 ? null : indicatorBefore(projectId, no, page.after());
        if (rows.isEmpty() && before == null && !everListed(projectId, no, at)) {
            return Optional.empty();
        }
        Long nextAfter = null;
        if (rows.size() > page.limit()) {
            rows = rows.subList(0, page.limit());
            nextAfter = (Long) rows.get(rows.size() - 1)[0];
        }
        List<IndicatorTrail.Step> steps = new ArrayList<>();
        for (Object[] row : rows) {
            Indicator after = (boolean) row[2] ? null : (Indicator) row[1];
            steps.add(new IndicatorTrail.Step((long) row[0], (String) row[3], (String) row[4], (Instant) row[5], (String) row[6],
                    (String) row[7], (String) row[8], (String) row[9], (String) row[10], (String) row[11], before, after));
            before = after;
        }
        Indicator finalValue = jdbc.query("SELECT i.position, i.level1, i.level2, i.name, i.period_target, i.annual_target, i.removed "
                        + "FROM indicator_history i WHERE i.project_id = ? AND i.no = ?" + upTo + " ORDER BY i.position DESC LIMIT 1",
                (rs, i) -> rs.getBoolean(7) ? null : indicator(rs, no), at == null ? new Object[] {projectId, (long) no}
                        : new Object[] {projectId, (long) no, at}).stream().filter(i -> i != null).findFirst().orElse(null);
        return Optional.of(new IndicatorTrail("project/" + projectId + "/indicator/" + no, finalValue, steps, nextAfter));
    }

    private Indicator indicatorBefore(String projectId, int no, long position) {
        return jdbc.query("SELECT i.position, i.level1, i.level2, i.name, i.period_target, i.annual_target, i.removed FROM indicator_history i "
                        + "WHERE i.project_id = ? AND i.no = ? AND i.position <= ? ORDER BY i.position DESC LIMIT 1",
                (rs, i) -> rs.getBoolean(7) ? null : indicator(rs, no), projectId, (long) no, position)
                .stream().filter(i -> i != null).findFirst().orElse(null);
    }

    private boolean everListed(String projectId, int no, Long at) {
        return !jdbc.queryForList("SELECT i.position FROM indicator_history i WHERE i.project_id = ? AND i.no = ?"
                + (at == null ? "" : " AND i.position <= ?") + " ORDER BY i.position LIMIT 1", Long.class,
                at == null ? new Object[] {projectId, (long) no} : new Object[] {projectId, (long) no, at}).isEmpty();
    }

    private static Indicator indicator(ResultSet rs, int no) throws SQLException {
        return new Indicator(no, rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5), rs.getString(6));
    }
}
