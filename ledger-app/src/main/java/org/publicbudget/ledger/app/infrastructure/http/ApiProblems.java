package org.publicbudget.ledger.app.infrastructure.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.axonframework.common.lock.LockAcquisitionFailedException;
import org.axonframework.eventsourcing.IncompatibleAggregateException;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.axonframework.modelling.command.ConflictingModificationException;
import org.publicbudget.ledger.app.infrastructure.http.limits.RequestBodyRefused;
import org.publicbudget.ledger.domain.BudgetRuleViolation;
import org.publicbudget.ledger.domain.project.api.NoSuchExpenditure;
import org.publicbudget.ledger.domain.project.api.NoSuchIndicator;
import org.publicbudget.ledger.query.totals.queries.InvalidCursor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.TypeMismatchException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.security.web.firewall.RequestRejectedException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * Every refusal as {@code application/problem+json}: a status, a sentence a person
 * can act on, and — where one field is at fault — its name in {@code field} and in
 * {@code errors}. Nothing of the server's inside (stack traces, SQL) goes out.
 */
@RestControllerAdvice
public class ApiProblems extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ApiProblems.class);
    /** Jackson's words for a field given twice (strict duplicate detection). */
    private static final Pattern GIVEN_TWICE = Pattern.compile("^Duplicate field '([^']*)'");

    /** A command or read refused for a reason the client can act on; nothing was changed. */
    @ExceptionHandler({InvalidRequest.class, InvalidCursor.class, NoSuchIndicator.class, BudgetRuleViolation.class,
            RefusedRequest.class, NotFound.class, AggregateNotFoundException.class, IncompatibleAggregateException.class,
            AggregateStreamCreationException.class,
            ConflictingModificationException.class, ConcurrencyException.class, LockAcquisitionFailedException.class})
    ResponseEntity<Object> refused(RuntimeException e) {
        return refusal(e).orElseThrow();
    }

    /**
     * The answer to a request refused for {@code e}, or empty when {@code e} is a failure
     * rather than a refusal. Batches name each refused command with it.
     */
    public static Optional<ResponseEntity<Object>> refusal(RuntimeException e) {
        if (e instanceof InvalidRequest invalid) {
            return Optional.of(problem(HttpStatus.BAD_REQUEST, "Invalid request", e.getMessage(), invalid.field()));
        }
        if (e instanceof InvalidCursor) {
            return Optional.of(problem(HttpStatus.BAD_REQUEST, "Invalid request", e.getMessage(), "after"));
        }
        if (e instanceof NoSuchIndicator || e instanceof NoSuchExpenditure) {
            return Optional.of(problem(HttpStatus.NOT_FOUND, "Not found", e.getMessage(), ((BudgetRuleViolation) e).field()));
        }
        if (e instanceof NotFound missing) {
            ResponseEntity<Object> answer = problem(HttpStatus.NOT_FOUND, "Not found", e.getMessage(), missing.field());
            if (missing.messageZh() != null && answer.getBody() instanceof ProblemDetail problem) {
                problem.setProperty("detailZh", missing.messageZh());
            }
            return Optional.of(answer);
        }
        if (e instanceof AggregateNotFoundException missing) {
            return Optional.of(problem(HttpStatus.NOT_FOUND, "Not found", "no project with id " + missing.getAggregateIdentifier(),
                    "projectId"));
        }
        // the id of another kind of stream (a department's budget) given as a project's
        if (e instanceof IncompatibleAggregateException) {
            return Optional.of(problem(HttpStatus.NOT_FOUND, "Not found", "no project with that id: it names something else", "projectId"));
        }
        // the request was well formed but would break a budget rule
        if (e instanceof BudgetRuleViolation rule) {
            return Optional.of(problem(HttpStatus.UNPROCESSABLE_ENTITY, "Budget rule violated", e.getMessage(), rule.field()));
        }
        if (e instanceof RefusedRequest refused) {
            return Optional.of(problem(refused.status(), refused.title(), e.getMessage(), refused.field()));
        }
        // two requests began the same new stream (a department's budget, an imported project) inside transactions of
        // their own, where the loser cannot be run again for it: sending it again finds the stream made
        if (e instanceof AggregateStreamCreationException) {
            return Optional.of(problem(HttpStatus.CONFLICT, "Conflict",
                    "another request created the same budget at the same moment; send yours again", null));
        }
        // a stale expected version, or another writer that appended first
        if (e instanceof ConflictingModificationException || e instanceof ConcurrencyException) {
            return Optional.of(problem(HttpStatus.CONFLICT, "Conflict",
                    "the project was changed by someone else since the version you sent; read it again and retry", "expectedVersion"));
        }
        // two requests each waiting for a project the other holds (or one waiting a minute): this one gave way
        if (e instanceof LockAcquisitionFailedException) {
            return Optional.of(problem(HttpStatus.CONFLICT, "Conflict",
                    "another request was changing the same projects at the same moment; send yours again", null));
        }
        return Optional.empty();
    }

    /** The read models did not reach the position a read asked for in time. */
    @ExceptionHandler(ReadModelBehind.class)
    ResponseEntity<Object> behind(ReadModelBehind e) {
        ResponseEntity<Object> problem = problem(HttpStatus.SERVICE_UNAVAILABLE, "Read models behind", e.getMessage(), e.field());
        return ResponseEntity.status(problem.getStatusCode()).headers(problem.getHeaders()).header("Retry-After", "1").body(problem.getBody());
    }

    /** A header the firewall will not pass (a control or C1 byte in it), found when the application reads it. */
    @ExceptionHandler(RequestRejectedException.class)
    ResponseEntity<Object> rejected(RequestRejectedException e) {
        Matcher header = REJECTED_HEADER.matcher(String.valueOf(e.getMessage()));
        String field = header.find() ? header.group(1) : "headers";
        return problem(HttpStatus.BAD_REQUEST, "Invalid request", field + " holds a character that is not allowed (a control character); "
                + "send printable characters only", field);
    }

    /** How Spring Security's firewall names the header it refused. */
    private static final Pattern REJECTED_HEADER = Pattern.compile("header: \"([A-Za-z0-9-]+)");

    @ExceptionHandler(Exception.class)
    ResponseEntity<Object> unexpected(Exception e) {
        if (DatabaseUnavailable.causes(e)) {
            log.warn("The database is unavailable: {}", e.toString());
            return DatabaseUnavailable.problem();
        }
        log.error("Unexpected failure handling a request", e);
        return problem(HttpStatus.INTERNAL_SERVER_ERROR, "Internal error", "the request failed; nothing was recorded", null);
    }

    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException e, HttpHeaders headers,
            HttpStatusCode status, WebRequest request) {
        RequestBodyRefused refused = RequestBodyRefused.in(e);
        if (refused == null && request.getAttribute(RequestBodyRefused.ATTRIBUTE, WebRequest.SCOPE_REQUEST) instanceof RequestBodyRefused kept) {
            refused = kept;
        }
        if (refused != null) {
            return ResponseEntity.status(refused.status()).contentType(org.springframework.http.MediaType.APPLICATION_PROBLEM_JSON)
                    .body(refused.problem());
        }
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            // Jackson's own limits (a string over 20 million characters, say) reached before the body's
            if (cause instanceof StreamConstraintsException limit && !String.valueOf(limit.getOriginalMessage()).contains("nesting")) {
                String field = e.getCause() instanceof JsonMappingException mapping && !mapping.getPath().isEmpty() ? fieldOf(mapping) : "body";
                return problem(HttpStatus.PAYLOAD_TOO_LARGE, "Payload Too Large", field + " is larger than the ledger reads: "
                        + limit.getOriginalMessage(), field);
            }
        }
        if (e.getCause() instanceof JsonMappingException mapping && !mapping.getPath().isEmpty()) {
            String field = fieldOf(mapping);
            return problem(HttpStatus.BAD_REQUEST, "Invalid request", reasonFor(mapping, field), field);
        }
        if (e.getCause() instanceof JsonProcessingException json) {
            Matcher twice = GIVEN_TWICE.matcher(String.valueOf(json.getOriginalMessage()));
            if (twice.find()) {
                return problem(HttpStatus.BAD_REQUEST, "Invalid request", twice.group(1) + " is given twice; give each field once",
                        twice.group(1));
            }
            if (String.valueOf(json.getOriginalMessage()).startsWith("Trailing token")) {
                return problem(HttpStatus.BAD_REQUEST, "Invalid request", "the body holds more than one JSON value; send one", null);
            }
            return problem(HttpStatus.BAD_REQUEST, "Invalid request", "the body is not valid JSON", null);
        }
        return problem(HttpStatus.BAD_REQUEST, "Invalid request", "a JSON body is required", null);
    }

    /** No Content-Type, one this path does not take, or one that cannot be parsed: say which it takes. */
    @Override
    protected ResponseEntity<Object> handleHttpMediaTypeNotSupported(HttpMediaTypeNotSupportedException e, HttpHeaders headers,
            HttpStatusCode status, WebRequest request) {
        String sent = request.getHeader(HttpHeaders.CONTENT_TYPE);
        String takes = e.getSupportedMediaTypes().stream().map(Object::toString).collect(Collectors.joining(", "));
        ResponseEntity<Object> problem = problem(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "Unsupported Media Type", "the body was sent "
                + (sent == null || sent.isBlank() ? "without a Content-Type" : "as " + sent.replaceAll("[^\\x20-\\x7E]", "?"))
                + (takes.isEmpty() ? "" : "; send it as " + takes), HttpHeaders.CONTENT_TYPE);
        return ResponseEntity.status(problem.getStatusCode()).headers(problem.getHeaders()).headers(headers).body(problem.getBody());
    }

    @Override
    protected ResponseEntity<Object> handleMissingServletRequestParameter(MissingServletRequestParameterException e,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        return problem(HttpStatus.BAD_REQUEST, "Invalid request", e.getParameterName() + " is required", e.getParameterName());
    }

    @Override
    protected ResponseEntity<Object> handleTypeMismatch(TypeMismatchException e, HttpHeaders headers, HttpStatusCode status,
            WebRequest request) {
        String field = e.getPropertyName() == null ? "parameter" : e.getPropertyName();
        return problem(HttpStatus.BAD_REQUEST, "Invalid request", field + " has the wrong type or format", field);
    }

    private static String reasonFor(JsonMappingException e, String field) {
        if (e instanceof UnrecognizedPropertyException) {
            return field + " is not a field of this request";
        }
        if (e instanceof InvalidFormatException format && format.getTargetType() != null && format.getTargetType().isEnum()) {
            return field + " must be one of " + Arrays.stream(format.getTargetType().getEnumConstants())
                    .map(Object::toString).collect(Collectors.joining(", "));
        }
        if (e instanceof MismatchedInputException mismatch && mismatch.getTargetType() != null) {
            Class<?> type = mismatch.getTargetType();
            if (type == String.class) {
                return field + " must be a JSON string";
            }
            if (Number.class.isAssignableFrom(type) || type.isPrimitive()) {
                return field + " must be a whole JSON number";
            }
            if (Map.class.isAssignableFrom(type)) {
                return field + " must be a JSON object";
            }
        }
        return field + " has the wrong type or format";
    }

    /** The JSON path of the field, as {@code commands[3].amount}. */
    private static String fieldOf(JsonMappingException e) {
        StringBuilder field = new StringBuilder();
        for (JsonMappingException.Reference ref : e.getPath()) {
            if (ref.getFieldName() == null) {
                field.append('[').append(ref.getIndex()).append(']');
            } else {
                field.append(field.isEmpty() ? "" : ".").append(ref.getFieldName());
            }
        }
        return field.toString();
    }

    public static ResponseEntity<Object> problem(HttpStatus status, String title, String detail, String field) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setTitle(title);
        if (field != null) {
            problem.setProperty("field", field);
            problem.setProperty("errors", List.of(Map.of("field", field, "reason", detail)));
        }
        return ResponseEntity.status(status).contentType(org.springframework.http.MediaType.APPLICATION_PROBLEM_JSON).body(problem);
    }
}
