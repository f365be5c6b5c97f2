package org.publicbudget.ledger.app.api;

import java.math.BigDecimal;
import java.util.regex.Pattern;
import org.publicbudget.ledger.domain.Texts;

/**
 * Reads the fields of a request strictly. Amounts arrive as decimal strings in 万元:
 * digits, at most one point, at most six decimals, no sign, no exponent, so that
 * nothing is rounded or reinterpreted on the way in.
 */
final class RequestFields {

    private static final Pattern DECIMAL = Pattern.compile("(0|[1-9][0-9]{0,11})(\\.[0-9]{1,6})?");

    private RequestFields() {
    }

    static BigDecimal amount(String field, String text) {
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

    static String required(String field, String text) {
        if (text == null || text.isBlank()) {
            throw new InvalidRequest(field, field + " is required");
        }
        return bounded(field, text);
    }

    static String bounded(String field, String text) {
        if (text != null && text.length() > Texts.MAX_LENGTH) {
            throw new InvalidRequest(field, field + " is longer than " + Texts.MAX_LENGTH + " characters");
        }
        return text;
    }
}
