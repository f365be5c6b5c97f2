package org.publicbudget.ledger.app.infrastructure.http;

import jakarta.servlet.http.HttpServletRequest;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;
import org.axonframework.messaging.MetaData;
import org.publicbudget.ledger.domain.EventMetadata;
import org.springframework.security.core.Authentication;

/**
 * Who sent a command, why, and from which request. It travels as command metadata
 * and is copied onto every event the command causes, so the audit trail can answer
 * these questions without a join.
 */
public final class CommandMetadata {

    public static final String ACTOR = EventMetadata.ACTOR;
    public static final String REASON = EventMetadata.REASON;
    public static final String REQUEST_ID = EventMetadata.REQUEST_ID;
    public static final String CORRELATION_ID = EventMetadata.CORRELATION_ID;
    public static final String CAUSATION_ID = EventMetadata.CAUSATION_ID;
    public static final String DOCUMENT = EventMetadata.DOCUMENT;
    public static final String DOCUMENT_SHA256 = EventMetadata.DOCUMENT_SHA256;
    public static final String SOURCE_LINES = EventMetadata.SOURCE_LINES;
    public static final String DOCUMENT_NUMBER = EventMetadata.DOCUMENT_NUMBER;
    public static final String EFFECTIVE_DATE = EventMetadata.EFFECTIVE_DATE;
    public static final String BATCH_ID = EventMetadata.BATCH_ID;

    /** Ids a client may send: short and plain, so that they are safe in logs and headers. */
    private static final Pattern CLIENT_ID = Pattern.compile("[A-Za-z0-9._:-]{1,100}");

    private CommandMetadata() {
    }

    /** Metadata of a command that may name the document ordering it (文号) and the date it takes effect. */
    public static MetaData of(Authentication user, HttpServletRequest request, String reason, String documentNumber,
            String effectiveDate) {
        LocalDate effective = RequestFields.effectiveDate(effectiveDate);
        String number = RequestFields.documentNumber(documentNumber);
        Map<String, Object> values = new HashMap<>(of(user, request, reason));
        if (number != null && !number.isBlank()) {
            values.put(DOCUMENT_NUMBER, number.strip());
        }
        if (effective != null) {
            values.put(EFFECTIVE_DATE, effective.toString());
        }
        return MetaData.from(values);
    }

    public static MetaData of(Authentication user, HttpServletRequest request, String reason) {
        Map<String, Object> values = new HashMap<>();
        values.put(ACTOR, user.getName());
        values.put(REASON, reason);
        values.put(REQUEST_ID, requestIdOf(request));
        values.put(CORRELATION_ID, correlationIdOf(request));
        return MetaData.from(values);
    }

    /** The client's {@code X-Request-Id} when it is a plain short id, otherwise a new one. */
    public static String requestIdOf(HttpServletRequest request) {
        if (request.getAttribute(REQUEST_ID) instanceof String known) {
            return known;
        }
        String given = clientId(request.getHeader("X-Request-Id"));
        String requestId = given == null ? UUID.randomUUID().toString() : given;
        // one id for the whole request: its log lines, its commands and its events
        request.setAttribute(REQUEST_ID, requestId);
        return requestId;
    }

    /** The client's {@code X-Correlation-Id} when it is a plain short id, otherwise the request id. */
    public static String correlationIdOf(HttpServletRequest request) {
        String given = clientId(request.getHeader("X-Correlation-Id"));
        return given == null ? requestIdOf(request) : given;
    }

    private static String clientId(String header) {
        return header != null && CLIENT_ID.matcher(header).matches() ? header : null;
    }
}
