package org.publicbudget.ledger.query.audit;

import java.math.BigDecimal;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.publicbudget.ledger.domain.money.Amounts;
import org.publicbudget.ledger.domain.money.FundingSource;
import org.publicbudget.ledger.query.totals.queries.Page;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * A project's payments as the journal recorded them, each with its reversal if it has
 * one: read from the project's own entries (the journal's index by project and position),
 * so a page costs what the project holds, not what the ledger holds.
 */
public class Payments {

    private static final String ENTRY = "position, recorded_at, paid_on, voucher_no, actor, reason, request_id, payee, economic_class";

    private final JdbcTemplate jdbc;

    public Payments(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * One entry: the payment or its reversal, with the date and voucher of that entry, who
     * recorded it and why; a payment's payee (收款人) and economic class (政府支出经济分类), where given.
     */
    public record Entry(long position, Instant recordedAt, String date, String voucherNo, String actor, String reason, String requestId,
            String payee, String economicClass) {
    }

    /** {@code amount} is what was paid from {@code fundingSource}; {@code reversal} is null while it stands. */
    public record Payment(String projectId, String expenditureId, String fundingSource, BigDecimal amount, Entry payment, Entry reversal) {
    }

    /** A line of a department's payments (支出明细): the payment, its project and unit. */
    public record Line(String unit, String project, Payment payment) {
    }

    /**
     * Every payment of a department recorded up to {@code at} (null for now) and, if
     * {@code effectiveOn} is given, paid by that day, in the order recorded; each with its
     * reversal if one was recorded (and dated) by then.
     */
    public List<Line> ofDepartment(String departmentId, Long at, String effectiveOn) {
        long until = at == null ? Long.MAX_VALUE : at;
        String day = effectiveOn == null ? "9999-12-31" : effectiveOn;
        Map<String, Entry> reversals = new HashMap<>();
        jdbc.query("SELECT expenditure_id, " + ENTRY + " FROM ledger_journal WHERE department_id = ? AND position <= ? "
                + "AND event_type = 'ExpenditureReversed' AND effective_on <= ?", (ResultSet rs) -> {
                    reversals.put(rs.getString("expenditure_id"), entry(rs));
                }, departmentId, until, day);
        return jdbc.query("SELECT j.aggregate_id, p.name AS project_name, u.name AS unit_name, j.expenditure_id, j.funding_source, "
                        + "j.amount_before, j.amount_after, " + ENTRY.replaceAll("(\\w+)", "j.$1") + " FROM ledger_journal j "
                        + "LEFT JOIN budget_project p ON p.project_id = j.aggregate_id LEFT JOIN budget_unit u ON u.unit_id = p.unit_id "
                        + "WHERE j.department_id = ? AND j.position <= ? AND j.event_type = 'ExpenditureRecorded' AND j.effective_on <= ? "
                        + "ORDER BY j.department_id, j.position",
                (rs, i) -> {
                    Payment paid = payment(rs.getString("aggregate_id"), rs);
                    return new Line(rs.getString("unit_name"), rs.getString("project_name"), new Payment(paid.projectId(),
                            paid.expenditureId(), paid.fundingSource(), paid.amount(), paid.payment(), reversals.get(paid.expenditureId())));
                }, departmentId, until, day);
    }

    /** The payment as it stood at {@code at} (null for now): none if it was recorded later, without a later reversal. */
    public Optional<Payment> of(String projectId, String expenditureId, Long at) {
        long until = at == null ? Long.MAX_VALUE : at;
        List<Payment> paid = recorded(projectId, "expenditure_id = ? AND position <= ?", expenditureId, until);
        return paid.stream().findFirst().map(payment -> withReversals(projectId, List.of(payment), until).get(0));
    }

    /**
     * The project's payments recorded up to {@code at} (null for now), in the order recorded, from
     * one source or all, after the payment at position {@code after}; each with its
     * reversal if one was recorded by then.
     */
    public Page<Payment> of(String projectId, FundingSource source, Long at, long after, int limit) {
        long until = at == null ? Long.MAX_VALUE : at;
        String sourceName = source == null ? null : source.name();
        List<Payment> paid = recorded(projectId, "position > ? AND position <= ? AND (CAST(? AS VARCHAR) IS NULL OR funding_source = ?) "
                + "ORDER BY position LIMIT ?", after, until, sourceName, sourceName, limit + 1);
        String next = null;
        if (paid.size() > limit) {
            paid = paid.subList(0, limit);
            next = Long.toString(paid.get(limit - 1).payment().position());
        }
        return new Page<>(withReversals(projectId, paid, until), next);
    }

    /** The project's payments (not their reversals) that meet {@code condition}. */
    private List<Payment> recorded(String projectId, String condition, Object... args) {
        Object[] all = new Object[args.length + 1];
        all[0] = projectId;
        System.arraycopy(args, 0, all, 1, args.length);
        return jdbc.query("SELECT expenditure_id, funding_source, amount_before, amount_after, " + ENTRY
                + " FROM ledger_journal WHERE aggregate_id = ? AND event_type = 'ExpenditureRecorded' AND " + condition,
                (rs, i) -> payment(projectId, rs), all);
    }

    private List<Payment> withReversals(String projectId, List<Payment> paid, long until) {
        if (paid.isEmpty()) {
            return paid;
        }
        Map<String, Entry> reversals = new HashMap<>();
        jdbc.query(connection -> {
            var statement = connection.prepareStatement("SELECT expenditure_id, " + ENTRY + " FROM ledger_journal WHERE aggregate_id = ? "
                    + "AND position > ? AND position <= ? AND event_type = 'ExpenditureReversed' AND expenditure_id = ANY(?)");
            Array ids = connection.createArrayOf("text", paid.stream().map(Payment::expenditureId).toArray());
            statement.setString(1, projectId);
            statement.setLong(2, paid.get(0).payment().position());
            statement.setLong(3, until);
            statement.setArray(4, ids);
            return statement;
        }, (ResultSet rs) -> {
            reversals.put(rs.getString("expenditure_id"), entry(rs));
        });
        List<Payment> withReversals = new ArrayList<>(paid.size());
        for (Payment payment : paid) {
            withReversals.add(new Payment(payment.projectId(), payment.expenditureId(), payment.fundingSource(), payment.amount(),
                    payment.payment(), reversals.get(payment.expenditureId())));
        }
        return withReversals;
    }

    private static Payment payment(String projectId, ResultSet rs) throws SQLException {
        BigDecimal amount = rs.getBigDecimal("amount_after").subtract(rs.getBigDecimal("amount_before")).abs();
        return new Payment(projectId, rs.getString("expenditure_id"), rs.getString("funding_source"), Amounts.canonical(amount), entry(rs),
                null);
    }

    private static Entry entry(ResultSet rs) throws SQLException {
        return new Entry(rs.getLong("position"), rs.getObject("recorded_at", OffsetDateTime.class).toInstant(), rs.getString("paid_on"),
                rs.getString("voucher_no"), rs.getString("actor"), rs.getString("reason"), rs.getString("request_id"), rs.getString("payee"),
                rs.getString("economic_class"));
    }
}
