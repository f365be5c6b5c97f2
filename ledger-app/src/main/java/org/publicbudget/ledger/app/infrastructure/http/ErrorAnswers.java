package org.publicbudget.ledger.app.infrastructure.http;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Locale;
import org.springframework.boot.web.servlet.error.ErrorController;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * What the servlet container sends to {@code /error} — an error raised outside the
 * application's handlers — answered as every other refusal is, problem+json. When the
 * answer has gone out already (a refusal written, then the container told of the same
 * error), nothing is added: Spring Boot's own error page would append a second JSON
 * document to the first.
 */
@RestController
class ErrorAnswers implements ErrorController {

    @RequestMapping("/error")
    ResponseEntity<Object> error(HttpServletRequest request, HttpServletResponse response) {
        if (response.isCommitted()) {
            return null;
        }
        Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        HttpStatus status = code instanceof Integer number && HttpStatus.resolve(number) != null ? HttpStatus.resolve(number)
                : HttpStatus.INTERNAL_SERVER_ERROR;
        String detail = status.is5xxServerError() ? "the request failed; nothing was recorded"
                : "the request was refused: " + status.getReasonPhrase().toLowerCase(Locale.ROOT);
        return ApiProblems.problem(status, status.getReasonPhrase(), detail, null);
    }
}
