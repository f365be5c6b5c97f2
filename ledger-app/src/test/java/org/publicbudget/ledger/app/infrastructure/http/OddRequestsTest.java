package org.publicbudget.ledger.app.infrastructure.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.publicbudget.ledger.app.support.PostgresApiTest;
import org.publicbudget.ledger.app.support.RawHttp;
import org.publicbudget.ledger.app.support.TestDeployment;

/** Requests few clients send, each answered with one problem+json that says what is wrong, never a 500. */
class OddRequestsTest extends PostgresApiTest {

    private static String as(String user) {
        return RawHttp.basic(user, TestDeployment.PASSWORDS.get(user));
    }

    /** The answer's body, which must be exactly one JSON document. */
    private static JsonNode problem(String answer) throws Exception {
        String head = answer.substring(0, answer.indexOf("\r\n\r\n")).toLowerCase();
        String body = answer.substring(answer.indexOf("\r\n\r\n") + 4);
        assertThat(head).contains("content-type: application/problem+json");
        if (head.contains("transfer-encoding: chunked")) {
            StringBuilder joined = new StringBuilder();
            for (int at = 0, size; (size = Integer.parseInt(body.substring(at, body.indexOf("\r\n", at)).strip(), 16)) > 0; ) {
                int start = body.indexOf("\r\n", at) + 2;
                joined.append(body, start, start + size);
                at = start + size + 2;
            }
            body = joined.toString();
        }
        return new ObjectMapper().readTree(body);
    }

    @Test
    void aControlCharacterInAHeaderOfAWriteIs400() throws Exception {
        String body = "{}";
        String answer = RawHttp.exchange(port(), null, "POST /api/v1/projects HTTP/1.1\r\n" + as(WRITER) + "\r\nContent-Type: application/json"
                + "\r\nX-Request-Id: ab\u0085cd\r\nContent-Length: " + body.length(), body);
        assertThat(RawHttp.status(answer)).as(answer).isEqualTo(400);
        assertThat(problem(answer).get("field").asText()).isEqualToIgnoringCase("X-Request-Id");
    }

    @Test
    void anOptionsRequestWithABodyIs400() throws Exception {
        String answer = RawHttp.exchange(port(), null, "OPTIONS /api/v1/departments HTTP/1.1\r\n" + as(AUDITOR)
                + "\r\nContent-Type: application/json\r\nContent-Length: 7", "{\"a\":1}");
        assertThat(RawHttp.status(answer)).as(answer).isEqualTo(400);
        assertThat(problem(answer).get("detail").asText()).contains("no body");
    }

    @Test
    void anOversizedChunkedBodyGetsOneAnswer() throws Exception {
        String answer = RawHttp.uploaded(port(), "POST /api/v1/projects HTTP/1.1\r\n" + as(WRITER) + "\r\nContent-Type: application/json",
                "{\"name\":\"", 2L * 1024 * 1024, true);
        assertThat(RawHttp.status(answer)).as(answer).isEqualTo(413);
        assertThat(problem(answer).get("status").asInt()).as("one JSON document, nothing after it").isEqualTo(413);
    }

    /** The body cut off in the middle of a string: too large, not "the wrong type". */
    @Test
    void anOversizedChunkedBatchIs413() throws Exception {
        String answer = RawHttp.uploaded(port(), "POST /api/v1/batches HTTP/1.1\r\n" + as(WRITER) + "\r\nContent-Type: application/json",
                "{\"documentNumber\":\"", 25L * 1024 * 1024, true);
        assertThat(RawHttp.status(answer)).as(answer).isEqualTo(413);
        assertThat(problem(answer).get("field").asText()).isIn("documentNumber", "body");
    }
}
