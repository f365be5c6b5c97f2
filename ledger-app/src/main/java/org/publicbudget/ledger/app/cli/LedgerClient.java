package org.publicbudget.ledger.app.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;

/**
 * A running ledger's API, for the commands given {@code --ledger=URL}: they ask the
 * ledger instead of opening its database, so they start in a second and work beside a
 * running embedded ledger, which holds its database file alone. Only the JDK's HTTP
 * client and Jackson: nothing of the application is started.
 */
final class LedgerClient {

    /** What the ledger answered when it refused: its status and the problem's detail, in one line. */
    static final class Refused extends IOException {

        final int status;
        final JsonNode problem;

        Refused(int status, JsonNode problem, String message) {
            super(message);
            this.status = status;
            this.problem = problem;
        }
    }

    /** A reply with its status and body; {@code location} where the ledger gave one. */
    record Reply(int status, JsonNode body, String location) {
    }

    static final ObjectMapper JSON = new ObjectMapper().findAndRegisterModules()
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    private final URI base;
    private final String authorization;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    LedgerClient(URI base, String user, String password) {
        this.base = base;
        this.authorization = "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    JsonNode get(String path) throws IOException, InterruptedException {
        return send(request(path).GET()).body();
    }

    Reply post(String path, String body, String contentType) throws IOException, InterruptedException {
        return post(path, body.getBytes(StandardCharsets.UTF_8), contentType);
    }

    Reply post(String path, byte[] body, String contentType) throws IOException, InterruptedException {
        return send(request(path).header("Content-Type", contentType).POST(HttpRequest.BodyPublishers.ofByteArray(body)));
    }

    /**
     * A stream's lines as they arrive (Server-Sent Events), with no time limit: the
     * caller reads until the ledger or the network ends it.
     */
    java.util.stream.Stream<String> lines(String path, String lastEventId) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path)).header("Authorization", authorization)
                .header("Accept", "text/event-stream").header("X-Requested-With", "ledger-cli");
        if (lastEventId != null) {
            request.header("Last-Event-ID", lastEventId);
        }
        HttpResponse<java.util.stream.Stream<String>> response;
        try {
            response = http.send(request.GET().build(), HttpResponse.BodyHandlers.ofLines());
        } catch (ConnectException e) {
            throw new IOException("No ledger answers at " + base + " (is it running, and is that its address?)", e);
        }
        if (response.statusCode() >= 300) {
            String body = String.join("\n", response.body().toList());
            response.body().close();
            throw new Refused(response.statusCode(), readOrText(body), "The ledger answered " + response.statusCode() + ": " + body);
        }
        return response.body();
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofMinutes(10)).header("Authorization", authorization)
                .header("Accept", "application/json").header("X-Requested-With", "ledger-cli");
    }

    private Reply send(HttpRequest.Builder request) throws IOException, InterruptedException {
        HttpResponse<String> response;
        try {
            response = http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (ConnectException e) {
            throw new IOException("No ledger answers at " + base + " (is it running, and is that its address?)", e);
        }
        JsonNode body = response.body().isBlank() ? JSON.nullNode() : readOrText(response.body());
        if (response.statusCode() >= 300) {
            String detail = body.hasNonNull("detail") ? body.get("detail").asText() : response.body().strip();
            String field = body.hasNonNull("field") ? " (" + body.get("field").asText() + ")" : "";
            throw new Refused(response.statusCode(), body, "The ledger answered " + response.statusCode() + ": "
                    + switch (response.statusCode()) {
                        case 401 -> "wrong user or password";
                        case 403 -> "this user may not do that (import needs a LEDGER_WRITER, the other commands an OPERATOR)";
                        default -> detail + field;
                    });
        }
        return new Reply(response.statusCode(), body, response.headers().firstValue("Location").orElse(null));
    }

    private static JsonNode readOrText(String body) {
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            return JSON.getNodeFactory().textNode(body);
        }
    }
}
