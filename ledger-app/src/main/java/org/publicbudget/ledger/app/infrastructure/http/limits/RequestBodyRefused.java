package org.publicbudget.ledger.app.infrastructure.http.limits;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;

/**
 * A request body the ledger stopped reading: larger than the endpoint takes (413), or
 * arriving too slowly (408). An {@link IOException}, because that is what a reader of
 * the body sees; whoever catches it answers with {@link #problem()}.
 */
public class RequestBodyRefused extends IOException {

    private final HttpStatus status;

    RequestBodyRefused(HttpStatus status, String reason) {
        super(reason);
        this.status = status;
    }

    public HttpStatus status() {
        return status;
    }

    public ProblemDetail problem() {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, getMessage());
        problem.setTitle(status.getReasonPhrase());
        problem.setProperty("field", "body");
        problem.setProperty("errors", List.of(Map.of("field", "body", "reason", getMessage())));
        return problem;
    }

    /** Answers with {@link #problem()}, before anything else has been written. */
    void answer(HttpServletResponse response, ObjectMapper json) throws IOException {
        response.setStatus(status.value());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        response.setCharacterEncoding("UTF-8");
        json.writeValue(response.getOutputStream(), problem());
    }

    /** The request attribute that holds the refusal of its body, if it was refused. */
    public static final String ATTRIBUTE = RequestBodyRefused.class.getName();

    /** The refusal somewhere among the causes of {@code e}, if any. */
    public static RequestBodyRefused in(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof RequestBodyRefused refused) {
                return refused;
            }
        }
        return null;
    }
}
