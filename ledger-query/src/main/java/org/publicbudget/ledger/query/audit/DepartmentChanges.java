package org.publicbudget.ledger.query.audit;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.publicbudget.ledger.domain.money.Amounts;
import org.publicbudget.ledger.query.audit.words.ChangeWords;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * A department's changes between two positions of the store, from the journal: one index range read per page.
 * The range is written as row comparisons on (department, position) so that only that index can serve it:
 * with {@code department_id = ? AND position > ?} PostgreSQL took the position index and, for a department
 * whose events lie late in the store, filtered its way through most of the journal (1.2 s at a million events).
 */
public class DepartmentChanges {

    private final JdbcTemplate jdbc;

    public DepartmentChanges(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Changes after position {@code from} up to {@code to}, after {@code page.after()}, at most {@code page.limit()}. */
    public ChangeReport between(String departmentId, Instant fromMoment, Instant toMoment, long from, long to, TrailPage page) {
        return between(departmentId, fromMoment, toMoment, from, to, page, ChangeReport.Filter.none());
    }

    /** The same, keeping only the changes {@code filter} keeps. */
    public ChangeReport between(String departmentId, Instant fromMoment, Instant toMoment, long from, long to, TrailPage page,
            ChangeReport.Filter filter) {
        List<Object> args = new ArrayList<>(List.of(departmentId, Math.max(from, page.after()), departmentId, to));
        StringBuilder kept = new StringBuilder();
        if (!filter.kinds().isEmpty()) {
            kept.append(" AND event_type IN (").append(String.join(", ", Collections.nCopies(filter.kinds().size(), "?"))).append(')');
            args.addAll(filter.kinds());
        }
        if (filter.projectId() != null) {
            kept.append(" AND project_id = ?");
            args.add(filter.projectId());
        }
        if (filter.actor() != null) {
            kept.append(" AND actor = ?");
            args.add(filter.actor());
        }
        if (filter.withoutImports()) {
            kept.append(" AND document IS NULL");
        }
        if (filter.effectiveOn() != null) {
            kept.append(" AND effective_on <= ?");
            args.add(filter.effectiveOn());
        }
        args.add(page.limit() + 1);
        List<ChangeReport.Change> changes = jdbc.query("SELECT position, recorded_at, effective_date, event_type, project_id, what, "
                        + "funding_source, amount_before, amount_after, actor, reason, document_number, document, expenditure_id, voucher_no, "
                        + "paid_on, effective_on FROM ledger_journal WHERE (department_id, position) > (?, ?) AND (department_id, position) <= (?, ?)"
                        + kept + " ORDER BY department_id, position LIMIT ?",
                (rs, i) -> new ChangeReport.Change(rs.getLong(1), rs.getObject(2, OffsetDateTime.class).toInstant(), rs.getString(3),
                        rs.getString(4), rs.getString(5), rs.getString(6), rs.getString(7), figure(rs.getString(4), rs.getString(14), rs.getBigDecimal(9)),
                        canonical(rs.getBigDecimal(8)), canonical(rs.getBigDecimal(9)), rs.getString(10), rs.getString(11), rs.getString(12),
                        rs.getString(13), rs.getString(14), rs.getString(15), rs.getString(16), rs.getString(17),
                        ChangeWords.zh(rs.getString(4), rs.getString(7), rs.getBigDecimal(8), rs.getBigDecimal(9), rs.getString(15), rs.getString(13))),
                args.toArray());
        Long nextAfter = null;
        if (changes.size() > page.limit()) {
            changes = changes.subList(0, page.limit());
            nextAfter = changes.get(changes.size() - 1).position();
        }
        return new ChangeReport(departmentId, fromMoment, toMoment, from, to, List.copyOf(changes), nextAfter);
    }

    /** What a change moved: what was spent (it names a payment), a declared total, what was allocated, or no money at all. */
    private static String figure(String eventType, String expenditureId, BigDecimal after) {
        if (expenditureId != null) {
            return TrailFigure.SPENT.parameter();
        }
        if (eventType.equals("DeclaredTotalRecorded")) {
            return "declared";
        }
        return after != null ? TrailFigure.ALLOCATED.parameter() : null;
    }

    private static BigDecimal canonical(BigDecimal amount) {
        return amount == null ? null : Amounts.canonical(amount);
    }
}
