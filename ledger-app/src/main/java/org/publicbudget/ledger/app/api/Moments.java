package org.publicbudget.ledger.app.api;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;

/** A moment given by a client: an ISO-8601 instant, or a date meaning the end of that day (UTC). */
final class Moments {

    private Moments() {
    }

    static Instant parse(String field, String text) {
        try {
            return text.length() == 10 ? LocalDate.parse(text).plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant().minusNanos(1)
                    : Instant.parse(text);
        } catch (DateTimeParseException e) {
            throw new InvalidRequest(field, field + " must be an ISO-8601 instant like 2025-07-01T00:00:00Z or a date like 2025-07-01");
        }
    }
}
