package org.publicbudget.ledger.app.observability;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.publicbudget.ledger.app.infrastructure.http.CommandMetadata;
import org.slf4j.MDC;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Every log line written while a request is handled names it: its {@code requestId} and
 * {@code correlationId} (the ones its commands and events carry) go into the logging
 * context, which the JSON log format writes out beside the trace and span ids.
 */
final class RequestLogContext extends OncePerRequestFilter {

    static final String REQUEST_ID = "requestId";
    static final String CORRELATION_ID = "correlationId";

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        MDC.put(REQUEST_ID, CommandMetadata.requestIdOf(request));
        MDC.put(CORRELATION_ID, CommandMetadata.correlationIdOf(request));
        try {
            chain.doFilter(request, response);
        } finally {
            MDC.remove(REQUEST_ID);
            MDC.remove(CORRELATION_ID);
        }
    }
}
