package org.publicbudget.ledger.app.reads;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import org.publicbudget.ledger.app.infrastructure.http.InvalidRequest;
import org.publicbudget.ledger.app.infrastructure.http.RequestFields;
import org.publicbudget.ledger.query.history.PointInTime;
import org.publicbudget.ledger.query.history.Positions;
import org.publicbudget.ledger.query.totals.queries.FigureTime;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * A moment given by a client: an ISO-8601 instant, or a date meaning the end of that
 * day (or, for the start of a span, its beginning) in the ledger's zone
 * ({@code LEDGER_ZONE}, Asia/Shanghai by default: a Chinese office's day, not UTC's).
 * Parsed as an instant, never compared as text; a year outside the ledger's range (that
 * of its fiscal years) is refused rather than read as "everything" or "nothing".
 */
@Component
public class Moments {

    static final int EARLIEST_YEAR = 1990;
    static final int LATEST_YEAR = 2100;

    private final ZoneId zone;
    private final Positions positions;

    public Moments(@Value("${ledger.zone:Asia/Shanghai}") ZoneId zone, Positions positions) {
        this.zone = zone;
        this.positions = positions;
    }

    /** The moment {@code text} names; a date is the end of that day. */
    public Instant parse(String field, String text) {
        return parse(field, text, false);
    }

    /** The moment {@code text} names; a date is the start of that day. */
    public Instant startOf(String field, String text) {
        return parse(field, text, true);
    }

    /** The figures a read shows: recorded by a moment or position (or now), effective by a budget day (or whenever). */
    public FigureTime figures(String asOf, Long atPosition, String effectiveOn) {
        return new FigureTime(position(asOf, atPosition), effectiveOn == null ? null : RequestFields.date("effectiveOn", effectiveOn));
    }

    /** The ledger's zone: where its days begin and end. */
    public ZoneId zone() {
        return zone;
    }

    /** The position a read is as of — the last event recorded by {@code asOf}, at most {@code atPosition} — or null for now. */
    public Long position(String asOf, Long atPosition) {
        Instant instant = asOf == null ? null : parse("asOf", asOf);
        if (atPosition != null && atPosition < 0) {
            throw new InvalidRequest("atPosition", "atPosition must not be negative");
        }
        return positions.of(new PointInTime(instant, atPosition));
    }

    private Instant parse(String field, String text, boolean start) {
        Instant moment;
        try {
            if (text.length() == 10) {
                LocalDate day = LocalDate.parse(text);
                moment = start ? day.atStartOfDay(zone).toInstant() : day.plusDays(1).atStartOfDay(zone).toInstant().minusNanos(1);
            } else {
                moment = Instant.parse(text);
            }
        } catch (DateTimeParseException e) {
            throw new InvalidRequest(field, field + " must be an ISO-8601 instant like 2025-07-01T00:00:00Z or a date like 2025-07-01");
        }
        int year = moment.atZone(zone).getYear();
        if (year < EARLIEST_YEAR || year > LATEST_YEAR) {
            throw new InvalidRequest(field, field + " must lie between the years " + EARLIEST_YEAR + " and " + LATEST_YEAR);
        }
        return moment;
    }
}
