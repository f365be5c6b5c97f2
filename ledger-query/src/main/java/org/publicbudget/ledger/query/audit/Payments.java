package org.publicbudget.ledger.query.audit;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import org.publicbudget.ledger.domain.money.Amounts;
import org.springframework.jdbc.core.JdbcTemplate;

/** A payment as the journal recorded it, and its reversal if it has one: read from the project's own entries. */
public class Payments {

    private final JdbcTemplate jdbc;

    public Payments(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** One entry: the payment or its reversal, with the date and voucher of that entry, who recorded it and why. */
    public record Entry(long position, Instant recordedAt, String date, String voucherNo, String actor, String reason, String requestId) {
    }

    /** {@code amount} is what was paid from {@code fundingSource}; {@code reversal} is null while it stands. */
    public record Payment(String projectId, String expenditureId, String fundingSource, BigDecimal amount, Entry payment, Entry reversal) {
    }

    public Optional<Payment> of(String projectId, String expenditureId) {
        List<Object[]> entries = jdbc.query("SELECT event_type, funding_source, amount_before, amount_after, position, recorded_at, paid_on, "
                        + "voucher_no, actor, reason, request_id FROM ledger_journal WHERE aggregate_id = ? AND expenditure_id = ? ORDER BY position",
                (rs, i) -> new Object[] {rs.getString(1), rs.getString(2), rs.getBigDecimal(4).subtract(rs.getBigDecimal(3)).abs(),
                        new Entry(rs.getLong(5), rs.getObject(6, OffsetDateTime.class).toInstant(), rs.getString(7), rs.getString(8),
                                rs.getString(9), rs.getString(10), rs.getString(11))},
                projectId, expenditureId);
        if (entries.isEmpty() || !entries.get(0)[0].equals("ExpenditureRecorded")) {
            return Optional.empty();
        }
        Object[] paid = entries.get(0);
        Entry reversal = entries.size() > 1 ? (Entry) entries.get(1)[3] : null;
        return Optional.of(new Payment(projectId, expenditureId, (String) paid[1], Amounts.canonical((BigDecimal) paid[2]), (Entry) paid[3],
                reversal));
    }
}
