package org.publicbudget.ledger.app.infrastructure.replication;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.publicbudget.ledger.app.infrastructure.http.DatabaseUnavailable;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Sends an auditor's read — any GET or HEAD under {@code /api} but the operators' — to
 * the standby when {@link DatabaseRoles} finds it fit, and says where it went in
 * {@code Ledger-Read-From}; from the standby also how far behind it may be
 * ({@code Ledger-Replica-Lag}, seconds) and, with the primary away, the newest position
 * its read models hold ({@code Ledger-Replica-Position}). While the primary is away,
 * writes and operators' requests are answered 503 with Retry-After at once, rather
 * than after each waits out the pool's connection timeout.
 */
@Component
class ReadRouting extends FilterRegistrationBean<OncePerRequestFilter> {

    ReadRouting(DatabaseRoles roles, ObjectMapper json) {
        setFilter(new OncePerRequestFilter() {
            @Override
            protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                    throws ServletException, IOException {
                String path = request.getRequestURI().substring(request.getContextPath().length());
                if (!path.startsWith("/api/")) {
                    chain.doFilter(request, response);
                    return;
                }
                String method = request.getMethod();
                boolean read = method.equals("GET") || method.equals("HEAD") || method.equals("OPTIONS");
                boolean operators = path.startsWith("/api/v1/ops/") || path.equals("/api/v1/ops");
                if (!roles.primaryWritable() && (!read || operators)) {
                    primaryAway(response, json, roles.replicaConfigured());
                    return;
                }
                // the event feed asks the primary which transactions are still running (see FeedHorizon)
                if (!read || operators || path.startsWith("/api/v1/events")) {
                    chain.doFilter(request, response);
                    return;
                }
                if (!roles.replicaConfigured()) {
                    response.setHeader(ReadSource.HEADER, ReadSource.PRIMARY);
                    chain.doFilter(request, response);
                    return;
                }
                boolean replica = roles.readsFromReplica();
                Map<String, String> replicaHeaders = new LinkedHashMap<>();
                if (replica) {
                    DatabaseRoles.Replica standby = roles.replica();
                    replicaHeaders.put(ReadSource.LAG_HEADER, seconds(standby.lagMillis()));
                    if (!roles.primaryWritable() && standby.position() != null) {
                        replicaHeaders.put(ReadSource.POSITION_HEADER, standby.position().toString());
                    }
                }
                HttpServletResponse routed = ReadSource.begin(replica, response, replicaHeaders);
                try {
                    chain.doFilter(request, routed);
                } finally {
                    ReadSource.end();
                }
            }
        });
        // after Spring Security's filters (-100): a request it refuses is not routed anywhere
        setOrder(1);
    }

    private static String seconds(long millis) {
        if (millis == Long.MAX_VALUE) {
            return "unknown";
        }
        return BigDecimal.valueOf(millis).movePointLeft(3).setScale(1, RoundingMode.UP).toPlainString();
    }

    private static void primaryAway(HttpServletResponse response, ObjectMapper json, boolean standby) throws IOException {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE, "the primary database is away: nothing was "
                + "recorded" + (standby ? "; reads go on from the standby" : "") + "; retry in a few seconds (after a failover, "
                + "writes resume on the promoted standby)");
        problem.setTitle("Primary database away");
        problem.setProperty("errors", List.of(Map.of("field", "", "reason", "primary database away")));
        response.setStatus(HttpStatus.SERVICE_UNAVAILABLE.value());
        response.setHeader("Retry-After", DatabaseUnavailable.RETRY_AFTER_SECONDS);
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        response.setCharacterEncoding("UTF-8");
        json.writeValue(response.getOutputStream(), problem);
    }
}
