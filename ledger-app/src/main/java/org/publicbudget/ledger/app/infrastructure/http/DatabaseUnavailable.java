package org.publicbudget.ledger.app.infrastructure.http;

import java.net.ConnectException;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.util.List;
import java.util.Map;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.transaction.TransactionSystemException;

/**
 * While the database is unreachable the ledger cannot record or read anything, and
 * says so: 503 with Retry-After, never a 500 and never a stack trace. The client
 * retries the same request with the same Idempotency-Key: whatever the database took
 * before it was lost is answered then, never carried out twice.
 */
public final class DatabaseUnavailable {

    public static final String RETRY_AFTER_SECONDS = "5";

    private DatabaseUnavailable() {
    }

    /**
     * True when the failure, anywhere in its causes, is the database being out of reach —
     * including a commit or rollback it could not carry out, as when the primary is lost
     * in the middle of one (whether that commit took is then unknown, which is what the
     * Idempotency-Key of the retry is for).
     */
    public static boolean causes(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof DataAccessResourceFailureException || cause instanceof CannotCreateTransactionException
                    || cause instanceof TransactionSystemException
                    || cause instanceof SQLTransientConnectionException || cause instanceof ConnectException
                    || (cause instanceof SQLException sql && sql.getSQLState() != null && sql.getSQLState().startsWith("08"))) {
                return true;
            }
        }
        return false;
    }

    public static ProblemDetail body() {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE,
                "the ledger's database cannot be reached; retry in a few seconds with the same Idempotency-Key (a command the database "
                        + "took before it was lost is then answered, not carried out twice)");
        problem.setTitle("Service unavailable");
        problem.setProperty("errors", List.of(Map.of("field", "", "reason", "database unavailable")));
        return problem;
    }

    static ResponseEntity<Object> problem() {
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).header("Retry-After", RETRY_AFTER_SECONDS)
                .contentType(MediaType.APPLICATION_PROBLEM_JSON).body(body());
    }
}
