package org.publicbudget.ledger.app.infrastructure.http;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.regex.Pattern;
import org.publicbudget.ledger.domain.BudgetRuleViolation;
import org.publicbudget.ledger.domain.Texts;
import org.publicbudget.ledger.domain.project.api.ProjectLimits;

/**
 * Reads the fields of a request strictly. Amounts arrive as decimal strings in 万元:
 * digits, at most one point, at most six decimals, no sign, no exponent, so that
 * nothing is rounded or reinterpreted on the way in.
 */
public final class RequestFields {

    /** Where a day begins first. */
    private static final ZoneOffset EARLIEST_ZONE = ZoneOffset.ofHours(14);

    private static final Pattern DECIMAL = Pattern.compile("(0|[1-9][0-9]{0,11})(\\.[0-9]{1,6})?");

    private RequestFields() {
    }

    public static BigDecimal amount(String field, String text) {
        if (text == null || text.isBlank()) {
            throw new InvalidRequest(field, field + " is required");
        }
        if (text.startsWith("-")) {
            throw new InvalidRequest(field, field + " must not be negative");
        }
        if (!DECIMAL.matcher(text).matches()) {
            throw new InvalidRequest(field, field + " must be a decimal string in 万元 with at most 12 integer digits "
                    + "and 6 decimal places, like \"59.84\"");
        }
        return new BigDecimal(text);
    }

    public static String required(String field, String text) {
        if (text == null || text.isBlank()) {
            throw new InvalidRequest(field, field + " is required");
        }
        return bounded(field, text);
    }

    /** The reason given, or where a reason is optional (creating, adding) what the command itself says. */
    public static String reasonOr(String otherwise, String given) {
        return given == null || given.isBlank() ? otherwise : bounded("reason", given);
    }

    public static int fiscalYear(Integer year) {
        if (year == null) {
            throw new InvalidRequest("fiscalYear", "fiscalYear is required");
        }
        return year;
    }

    /** Optional text within the ledger's bounds: not too long, no control or direction-override characters. */
    public static String bounded(String field, String text) {
        try {
            Texts.optional(field, text);
        } catch (BudgetRuleViolation e) {
            throw new InvalidRequest(field, e.getMessage());
        }
        return text;
    }

    /** 文号: the number of the document that orders a change, e.g. 荔财预〔2025〕12号. */
    public static String documentNumber(String text) {
        if (text != null && text.length() > 100) {
            throw new InvalidRequest("documentNumber", "documentNumber is longer than 100 characters");
        }
        return bounded("documentNumber", text);
    }

    /** The date a change takes effect, as opposed to the moment it is recorded. */
    public static LocalDate effectiveDate(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        return date("effectiveDate", text);
    }

    /**
     * The date of something done — a payment, a report: a required ISO date, not in the
     * future. "Today" is the newest day that has begun anywhere (UTC+14), so that a day
     * that has begun in Beijing (8 hours ahead of UTC) counts, and no later one.
     */
    public static LocalDate pastDate(String field, String text) {
        LocalDate date = date(field, text);
        if (date.isAfter(LocalDate.now(EARLIEST_ZONE))) {
            throw new InvalidRequest(field, field + " " + date + " lies in the future: record it once it has happened");
        }
        return date;
    }

    /** Required text of at most {@code most} characters. */
    public static String limited(String field, String text, int most) {
        // its own limit first: the ledger's general one for any text is far longer
        if (text != null && text.strip().length() > most) {
            throw new InvalidRequest(field, ProjectLimits.longerThan(field, most));
        }
        return required(field, text);
    }

    /** A required ISO date (2025-07-01) between 1990 and 2100. */
    public static LocalDate date(String field, String text) {
        if (text == null || text.isBlank()) {
            throw new InvalidRequest(field, field + " is required: a date like 2025-07-01");
        }
        try {
            LocalDate date = LocalDate.parse(text);
            if (date.getYear() < 1990 || date.getYear() > 2100) {
                throw new InvalidRequest(field, field + " must lie between 1990 and 2100");
            }
            return date;
        } catch (DateTimeParseException e) {
            throw new InvalidRequest(field, field + " must be a date like 2025-07-01");
        }
    }

    /**
     * The version the client last saw, from {@code If-Match} ("3" or W/"3") or from the
     * body's {@code expectedVersion}; null when it sent neither, which means "apply to the latest".
     */
    public static Long expectedVersion(String ifMatch, Long inBody) {
        Long fromHeader = null;
        if (ifMatch != null && !ifMatch.isBlank()) {
            String tag = ifMatch.strip();
            if (tag.startsWith("W/")) {
                tag = tag.substring(2);
            }
            tag = tag.replace("\"", "");
            if (!tag.matches("[0-9]{1,18}")) {
                throw new InvalidRequest("If-Match", "If-Match must be the ETag of the project as read, like \"3\"");
            }
            fromHeader = Long.valueOf(tag);
        }
        if (fromHeader != null && inBody != null && !fromHeader.equals(inBody)) {
            throw new InvalidRequest("expectedVersion", "If-Match and expectedVersion disagree");
        }
        if (inBody != null && inBody < 0) {
            throw new InvalidRequest("expectedVersion", "expectedVersion must not be negative");
        }
        return fromHeader != null ? fromHeader : inBody;
    }
}
