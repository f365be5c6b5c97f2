package org.publicbudget.ledger.app.infrastructure.axon;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.publicbudget.ledger.query.history.EventReader;
import org.springframework.core.MethodParameter;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.converter.HttpMessageConverter;
import org.springframework.http.server.ServerHttpRequest;
import org.springframework.http.server.ServerHttpResponse;
import org.springframework.stereotype.Component;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.servlet.mvc.method.annotation.ResponseBodyAdvice;

/**
 * Every answer to a command carries the position in the event store that its events
 * reached, as the header {@code Ledger-Position} (and as {@code position} in the body):
 * a client that reads with {@code minPosition} set to it sees its own write, on any
 * node. A command that appended nothing answers with the newest position the store had.
 */
@Component
public class LedgerPosition {

    public static final String HEADER = "Ledger-Position";

    private final EventReader events;

    public LedgerPosition(EventReader events) {
        this.events = events;
    }

    /** Where this request's events landed, or the store's newest position when it appended none. */
    public long reached() {
        return AppendedPosition.newest().orElseGet(events::head);
    }

    /** Forgets the previous request's position: threads serve one request after another. */
    @Component
    @Order(Ordered.HIGHEST_PRECEDENCE)
    static class Reset extends OncePerRequestFilter {

        @Override
        protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                throws ServletException, IOException {
            AppendedPosition.clear();
            try {
                chain.doFilter(request, response);
            } finally {
                AppendedPosition.clear();
            }
        }
    }

    /** Adds the header to every successful answer of a write. */
    @ControllerAdvice
    static class Header implements ResponseBodyAdvice<Object> {

        @Override
        public boolean supports(MethodParameter returnType, Class<? extends HttpMessageConverter<?>> converterType) {
            return true;
        }

        @Override
        public Object beforeBodyWrite(Object body, MethodParameter returnType, MediaType contentType,
                Class<? extends HttpMessageConverter<?>> converterType, ServerHttpRequest request, ServerHttpResponse response) {
            if (request.getMethod() != HttpMethod.GET && request.getMethod() != HttpMethod.HEAD) {
                AppendedPosition.newest().ifPresent(position -> response.getHeaders().set(HEADER, Long.toString(position)));
            }
            return body;
        }
    }
}
