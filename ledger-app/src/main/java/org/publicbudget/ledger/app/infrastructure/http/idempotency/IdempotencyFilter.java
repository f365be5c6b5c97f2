package org.publicbudget.ledger.app.infrastructure.http.idempotency;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.publicbudget.ledger.app.infrastructure.axon.LedgerPosition;
import org.publicbudget.ledger.app.infrastructure.http.DatabaseUnavailable;
import org.publicbudget.ledger.app.infrastructure.http.limits.RequestBodyRefused;
import org.publicbudget.ledger.domain.Sha256;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.ContentCachingResponseWrapper;

/**
 * {@code Idempotency-Key} for every write to the API. The first request with a key
 * runs inside one database transaction — one connection — together with a record of
 * its answer, so the events it appends and the record that it was done commit
 * together or not at all.
 * A retry with the same key and the same request gets that answer again and appends
 * nothing — after a restart too, and on any node, since the record is in the
 * database. The same key with a different request is refused with 422. A concurrent
 * retry waits on the first one's row and then gets its answer. Only successful
 * answers are kept: a refused request appended nothing, and may be corrected and sent
 * again under the same key.
 */
@Component
@Order(Ordered.LOWEST_PRECEDENCE - 10)
public class IdempotencyFilter extends OncePerRequestFilter {

    public static final String HEADER = "Idempotency-Key";
    /** Answers given again say so, for clients and for anyone reading a log. */
    public static final String REPLAYED = "Idempotent-Replayed";

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transaction;
    private final ObjectMapper json;

    public IdempotencyFilter(JdbcTemplate jdbc, TransactionTemplate transaction, ObjectMapper json, MeterRegistry meters) {
        this.replays = Counter.builder("ledger.idempotent.replays")
                .description("Requests answered with the stored answer of an earlier request with the same Idempotency-Key").register(meters);
        this.jdbc = jdbc;
        this.transaction = transaction;
        this.json = json;
    }

    private final Counter replays;

    private record Answer(String requestHash, int status, String contentType, String location, String etag, Long position, byte[] body) {
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return request.getHeader(HEADER) == null || request.getMethod().equals("GET") || request.getMethod().equals("HEAD")
                || !request.getRequestURI().startsWith("/api/");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Authentication user = SecurityContextHolder.getContext().getAuthentication();
        if (user == null || !user.isAuthenticated()) {
            chain.doFilter(request, response);
            return;
        }
        String key = request.getHeader(HEADER);
        if (key.isBlank() || key.length() > 255) {
            refuse(response, HttpStatus.BAD_REQUEST, "Idempotency-Key must be 1 to 255 characters");
            return;
        }
        byte[] body;
        try {
            // as long as the endpoint's body limit allows (BodyLimits): the limit holds for the copy kept here too
            body = request.getInputStream().readAllBytes();
        } catch (RequestBodyRefused e) {
            response.setStatus(e.status().value());
            response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
            json.writeValue(response.getOutputStream(), e.problem());
            return;
        }
        String actor = user.getName();
        String hash = hash(request, body);
        Optional<Answer> earlier;
        try {
            earlier = find(actor, key);
        } catch (RuntimeException e) {
            if (!DatabaseUnavailable.causes(e)) {
                throw e;
            }
            unavailable(response);
            return;
        }
        if (earlier.isEmpty()) {
            ContentCachingResponseWrapper captured = new ContentCachingResponseWrapper(response);
            Boolean ran;
            try {
                ran = transaction.execute(status -> {
                    int reserved = jdbc.update("INSERT INTO idempotency_record (actor, idempotency_key, request_hash, status, recorded_at) "
                            + "VALUES (?, ?, ?, 0, ?) ON CONFLICT DO NOTHING", actor, key, hash, Timestamp.from(Instant.now()));
                    if (reserved == 0) {
                        status.setRollbackOnly();
                        return false;
                    }
                    run(chain, new CachedBodyRequest(request, body), captured);
                    boolean succeeded = captured.getStatus() >= 200 && captured.getStatus() < 300;
                    // a refused request, or one that rolled back what it did (a dry run), is not remembered
                    if (succeeded && !status.isRollbackOnly()) {
                        String position = captured.getHeader(LedgerPosition.HEADER);
                        jdbc.update("UPDATE idempotency_record SET status = ?, content_type = ?, location = ?, etag = ?, ledger_position = ?, "
                                        + "body = ? WHERE actor = ? AND idempotency_key = ?", captured.getStatus(), captured.getContentType(),
                                captured.getHeader("Location"), captured.getHeader("ETag"), position == null ? null : Long.valueOf(position),
                                captured.getContentAsByteArray(), actor, key);
                    } else {
                        status.setRollbackOnly();
                    }
                    return true;
                });
            } catch (RuntimeException e) {
                if (!DatabaseUnavailable.causes(e)) {
                    throw e;
                }
                captured.resetBuffer();
                unavailable(response);
                return;
            }
            if (Boolean.TRUE.equals(ran)) {
                captured.copyBodyToResponse();
                return;
            }
            earlier = find(actor, key);
        }
        replay(earlier.orElseThrow(), hash, response);
    }

    private static void run(FilterChain chain, HttpServletRequest request, HttpServletResponse response) {
        try {
            chain.doFilter(request, response);
        } catch (IOException | ServletException e) {
            throw new IllegalStateException(e);
        }
    }

    private void replay(Answer answer, String hash, HttpServletResponse response) throws IOException {
        if (!answer.requestHash().equals(hash)) {
            refuse(response, HttpStatus.UNPROCESSABLE_ENTITY,
                    "this Idempotency-Key was used for a different request; use a new key for a new request");
            return;
        }
        replays.increment();
        response.setStatus(answer.status());
        response.setHeader(REPLAYED, "true");
        if (answer.contentType() != null) {
            response.setContentType(answer.contentType());
        }
        if (answer.location() != null) {
            response.setHeader("Location", answer.location());
        }
        if (answer.etag() != null) {
            response.setHeader("ETag", answer.etag());
        }
        if (answer.position() != null) {
            response.setHeader(LedgerPosition.HEADER, answer.position().toString());
        }
        if (answer.body() != null) {
            response.getOutputStream().write(answer.body());
        }
    }

    private Optional<Answer> find(String actor, String key) {
        List<Answer> found = jdbc.query("SELECT request_hash, status, content_type, location, etag, ledger_position, body "
                        + "FROM idempotency_record WHERE actor = ? AND idempotency_key = ? AND status > 0",
                (rs, i) -> new Answer(rs.getString(1), rs.getInt(2), rs.getString(3), rs.getString(4), rs.getString(5),
                        (Long) rs.getObject(6, Long.class), rs.getBytes(7)),
                actor, key);
        return found.stream().findFirst();
    }

    /** The database is out of reach: nothing was recorded, and the client may retry with the same key. */
    private void unavailable(HttpServletResponse response) throws IOException {
        response.setStatus(HttpStatus.SERVICE_UNAVAILABLE.value());
        response.setHeader("Retry-After", DatabaseUnavailable.RETRY_AFTER_SECONDS);
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        json.writeValue(response.getOutputStream(), DatabaseUnavailable.body());
    }

    private void refuse(HttpServletResponse response, HttpStatus status, String detail) throws IOException {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setTitle(status.getReasonPhrase());
        problem.setProperty("field", HEADER);
        problem.setProperty("errors", List.of(Map.of("field", HEADER, "reason", detail)));
        response.setStatus(status.value());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        json.writeValue(response.getOutputStream(), problem);
    }

    /** Method, path, query and body: the same key with any of them different is a different request. */
    private static String hash(HttpServletRequest request, byte[] body) {
        MessageDigest digest = Sha256.digest();
        digest.update((request.getMethod() + " " + request.getRequestURI() + "?" + request.getQueryString() + "\n")
                .getBytes(StandardCharsets.UTF_8));
        return Sha256.hex(digest, body);
    }
}
