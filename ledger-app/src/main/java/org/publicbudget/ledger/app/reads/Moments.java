package org.publicbudget.ledger.app.reads;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import org.publicbudget.ledger.app.infrastructure.http.InvalidRequest;
import org.publicbudget.ledger.query.history.PointInTime;

/**
 * A moment given by a client: an ISO-8601 instant, or a date meaning the end of that
 * day (UTC). Parsed as an instant, never compared as text; a year outside the ledger's
 * range (that of its fiscal years) is refused rather than read as "everything" or
 * "nothing".
 */
public final class Moments {

    static final int EARLIEST_YEAR = 1990;
    static final int LATEST_YEAR = 2100;

    private Moments() {
    }

    public static Instant parse(String field, String text) {
        Instant moment;
        try {
            moment = text.length() == 10 ? LocalDate.parse(text).plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant().minusNanos(1)
                    : Instant.parse(text);
        } catch (DateTimeParseException e) {
            throw new InvalidRequest(field, field + " must be an ISO-8601 instant like 2025-07-01T00:00:00Z or a date like 2025-07-01");
        }
        int year = moment.atZone(ZoneOffset.UTC).getYear();
        if (year < EARLIEST_YEAR || year > LATEST_YEAR) {
            throw new InvalidRequest(field, field + " must lie between the years " + EARLIEST_YEAR + " and " + LATEST_YEAR);
        }
        return moment;
    }

    /** The moment a read is as of: an instant, a position, or neither for now. */
    public static PointInTime pointInTime(String asOf, Long atPosition) {
        Instant instant = asOf == null ? null : Moments.parse("asOf", asOf);
        if (atPosition != null && atPosition < 0) {
            throw new InvalidRequest("atPosition", "atPosition must not be negative");
        }
        return new PointInTime(instant, atPosition);
    }
}
