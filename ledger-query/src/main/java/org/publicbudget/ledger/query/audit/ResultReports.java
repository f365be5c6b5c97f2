package org.publicbudget.ledger.query.audit;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import org.publicbudget.ledger.domain.indicator.ResultJudgement;
import org.publicbudget.ledger.domain.indicator.ResultPeriod;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Every report of an indicator's results, oldest first: what was reported for which
 * period, who recorded it, when and why, and how it stood against the annual target in
 * force when it was reported. A later report revises an earlier one; both stay here.
 */
public class ResultReports {

    private final JdbcTemplate jdbc;

    public ResultReports(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * One report. {@code actual} is null where the result left with its indicator (removed);
     * {@code met}, {@code judgement} and {@code judgementZh} are as {@link ResultJudgement} decides against {@code annualTarget}.
     */
    public record Report(long position, ResultPeriod period, String actual, String reportedOn, String annualTarget, Boolean met,
            String judgement, String judgementZh, Instant recordedAt, String actor, String reason, String requestId) {
    }

    /** The reports of indicator {@code no} up to position {@code at} (null: all). */
    public List<Report> of(String projectId, int no, Long at) {
        List<Object> args = new ArrayList<>(List.of(projectId, (long) no));
        String upTo = "";
        if (at != null) {
            upTo = " AND r.position <= ?";
            args.add(at);
        }
        return jdbc.query("SELECT r.position, r.period, r.actual, r.reported_on, (SELECT i.annual_target FROM indicator_history i "
                + "WHERE i.project_id = r.project_id AND i.no = r.no AND i.position <= r.position ORDER BY i.position DESC LIMIT 1), "
                + "j.recorded_at, j.actor, j.reason, j.request_id FROM result_history r JOIN ledger_journal j ON j.position = r.position "
                + "WHERE r.project_id = ? AND r.no = ?" + upTo + " ORDER BY r.position, r.period", (rs, i) -> {
                    String actual = rs.getString(3);
                    String target = rs.getString(5);
                    ResultJudgement judgement = actual == null ? ResultJudgement.REMOVED
                            : ResultJudgement.of(target, actual);
                    return new Report(rs.getLong(1), ResultPeriod.valueOf(rs.getString(2)), actual, rs.getString(4), target,
                            judgement.met(), judgement.reason(), judgement.reasonZh(), rs.getObject(6, OffsetDateTime.class).toInstant(), rs.getString(7),
                            rs.getString(8), rs.getString(9));
                }, args.toArray());
    }
}
