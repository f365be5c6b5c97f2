package org.publicbudget.ledger.query.audit;

import java.text.Normalizer;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * One search box over a department: its projects by name, its payments by voucher
 * number and its changes by 文号 — what an auditor holding a paper asks for. What is
 * typed is taken after NFKC (a full-width ＡＢ is AB) and compared without regard to
 * case; at most {@value #MOST} of each kind come back, newest changes first.
 */
public class DepartmentSearch {

    static final int MOST = 50;

    /** What matched: a {@code PROJECT} by its name, a {@code PAYMENT} by its voucher, a {@code CHANGE} by its 文号. */
    public record Match(String kind, String projectId, String name, String unit, String voucherNo, String documentNumber, Long position,
            Instant recordedAt, String eventType) {
    }

    private final JdbcTemplate jdbc;

    public DepartmentSearch(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public List<Match> find(String departmentId, String text) {
        String pattern = "%" + Normalizer.normalize(text.strip(), Normalizer.Form.NFKC).replace("\\", "\\\\").replace("%", "\\%")
                .replace("_", "\\_") + "%";
        List<Match> found = new ArrayList<>(jdbc.query("SELECT p.project_id, p.name, u.name FROM budget_project p "
                + "JOIN budget_unit u ON u.unit_id = p.unit_id WHERE p.department_id = ? AND p.name ILIKE ? ORDER BY p.first_position LIMIT ?",
                (rs, i) -> new Match("PROJECT", rs.getString(1), rs.getString(2), rs.getString(3), null, null, null, null, null),
                departmentId, pattern, MOST));
        found.addAll(journal(departmentId, "PAYMENT", "voucher_no", pattern));
        found.addAll(journal(departmentId, "CHANGE", "document_number", pattern));
        return found;
    }

    private List<Match> journal(String departmentId, String kind, String column, String pattern) {
        return jdbc.query("SELECT j.project_id, p.name, u.name, j.voucher_no, j.document_number, j.position, j.recorded_at, j.event_type "
                        + "FROM ledger_journal j LEFT JOIN budget_project p ON p.project_id = j.project_id "
                        + "LEFT JOIN budget_unit u ON u.unit_id = p.unit_id WHERE j.department_id = ? "
                        + "AND j." + column + " ILIKE ? ORDER BY j.department_id DESC, j.position DESC LIMIT ?",
                (rs, i) -> new Match(kind, rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5), rs.getLong(6),
                        rs.getObject(7, OffsetDateTime.class).toInstant(), rs.getString(8)),
                departmentId, pattern, MOST);
    }
}
