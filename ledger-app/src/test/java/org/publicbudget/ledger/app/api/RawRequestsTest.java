package org.publicbudget.ledger.app.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.publicbudget.ledger.app.support.PostgresApiTest;

/** Requests no HTTP client library would send — control bytes in headers, a Host of the sender's choosing — written on a raw socket. */
class RawRequestsTest extends PostgresApiTest {

    @ParameterizedTest
    @ValueSource(strings = {"X-Request-Id: abc\u0001def", "X-Correlation-Id: abc\u007fdef", "X-Request-Id: a\u0000b"})
    void aControlByteInAHeaderIsA400Problem(String header) throws Exception {
        String answer = rawGet("/api/v1/departments", "localhost", header);

        assertThat(answer).startsWith("HTTP/1.1 400");
        String head = answer.substring(0, answer.indexOf("\r\n\r\n")).toLowerCase();
        assertThat(head).contains("content-type: application/problem+json");
        JsonNode problem = new ObjectMapper().readTree(answer.substring(answer.indexOf("\r\n\r\n") + 4));
        assertThat(problem.get("status").asInt()).isEqualTo(400);
        assertThat(problem.get("detail").asText()).contains("malformed");
    }

    /** A Host header chosen by the sender comes back neither in a redirect nor in the API's description. */
    @ParameterizedTest
    @ValueSource(strings = {"/", "/ui", "/v3/api-docs"})
    void theHostHeaderIsNotReflected(String path) throws Exception {
        String answer = rawGet(path, "evil.example", "X-Forwarded-Host: evil.example");

        assertThat(answer).doesNotContain("evil.example");
        if (!path.startsWith("/v3")) {
            assertThat(answer.toLowerCase()).contains("location: /ui/");
        }
    }

    /** The web page may run only its own files (the browser test shows it still works under the policy). */
    @org.junit.jupiter.api.Test
    void theWebPageCarriesAStrictContentSecurityPolicy() throws Exception {
        String head = rawGet("/ui/", "localhost", "Accept: text/html").split("\r\n\r\n")[0].toLowerCase();

        assertThat(head).contains("content-security-policy: default-src 'none'; script-src 'self'; style-src 'self'")
                .doesNotContain("unsafe-inline").doesNotContain("unsafe-eval");
    }

    private String rawGet(String path, String host, String header) throws Exception {
        try (Socket socket = new Socket("127.0.0.1", port())) {
            OutputStream out = socket.getOutputStream();
            out.write(("GET " + path + " HTTP/1.1\r\nHost: " + host + "\r\n" + header + "\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            InputStream in = socket.getInputStream();
            ByteArrayOutputStream answer = new ByteArrayOutputStream();
            in.transferTo(answer);
            return answer.toString(StandardCharsets.UTF_8);
        }
    }
}
