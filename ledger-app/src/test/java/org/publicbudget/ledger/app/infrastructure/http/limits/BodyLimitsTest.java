package org.publicbudget.ledger.app.infrastructure.http.limits;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.publicbudget.ledger.app.support.PostgresApiTest;
import org.publicbudget.ledger.app.support.RawHttp;
import org.publicbudget.ledger.app.support.TestDeployment;

/**
 * Bodies are limited before they are read: by their declared length, while they
 * stream, and by the pace they arrive at; and a body the ledger did not read is never
 * drained at the sender's pace.
 */
class BodyLimitsTest extends PostgresApiTest {

    private static final String WRITER_LOGIN = RawHttp.basic(WRITER, "treasury-secret");
    private static final String IMPORT = "POST /api/v1/imports?fiscalYear=2043&documentName=big.txt&dryRun=true HTTP/1.1\r\n"
            + "Content-Type: text/plain; charset=UTF-8\r\n";

    /** As a careful client (curl, for one) sends a large body: it waits for the answer before sending a byte of it. */
    @ParameterizedTest
    @ValueSource(strings = {"/api/v1/projects", "/api/v1/transfers", "/api/v1/imports?fiscalYear=2043&documentName=x.txt"})
    void aDeclaredLengthAboveTheLimitIsRefusedBeforeTheBodyIsRead(String path) throws Exception {
        long length = path.contains("imports") ? 21L << 20 : 2L << 20;
        try (Socket socket = RawHttp.connect(port(), null)) {
            socket.setSoTimeout(5_000);
            socket.getOutputStream().write(("POST " + path + " HTTP/1.1\r\nHost: ledger\r\nContent-Type: application/json\r\n"
                    + "Content-Length: " + length + "\r\nExpect: 100-continue\r\n" + WRITER_LOGIN + "\r\n\r\n").getBytes(StandardCharsets.UTF_8));

            String answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

            assertThat(RawHttp.status(answer)).isEqualTo(413);
            assertThat(answer.toLowerCase()).contains("content-type: application/problem+json").contains("connection: close");
            JsonNode problem = new ObjectMapper().readTree(answer.substring(answer.indexOf("\r\n\r\n") + 4));
            assertThat(problem.get("field").asText()).isEqualTo("body");
            assertThat(problem.get("detail").asText()).contains(path.contains("imports") ? "20 MB" : "1 MB");
        }
    }

    @Test
    void aChunkedCommandIsStoppedAtTheLimit() {
        assertThat(RawHttp.upload(port(), "POST /api/v1/projects HTTP/1.1\r\nContent-Type: application/json\r\n" + WRITER_LOGIN,
                "{\"name\":\"", 2L << 20, true)).isIn(413, -1);
        assertThat(RawHttp.upload(port(), "POST /api/v1/projects HTTP/1.1\r\nContent-Type: application/json\r\nIdempotency-Key: big-1\r\n"
                + WRITER_LOGIN, 2L << 20, true)).isIn(413, -1);
    }

    /** A chunked 200 MB document is stopped at 20 MB: it neither fills the memory nor runs to its end. */
    @Test
    void aChunkedDocumentIsStoppedAtTheDocumentLimit() {
        long started = System.nanoTime();

        int status = RawHttp.upload(port(), IMPORT + WRITER_LOGIN, 200L << 20, true);

        assertThat(status).isIn(413, -1);
        assertThat(api.get(OPERATOR, "/api/v1/ops/stats").status()).isEqualTo(200);
        assertThat((System.nanoTime() - started) / 1_000_000).as("ms to refuse").isLessThan(60_000);
    }

    /** A document within the limit still goes through (the limit is on size, not on documents). */
    @Test
    void aDocumentUnderTheLimitIsRead() {
        int status = RawHttp.upload(port(), IMPORT + WRITER_LOGIN, 6L << 20, true);

        assertThat(status).as("too long for a document (5,000,000 characters), but read").isEqualTo(400);
    }

    /** A writer's body at a byte a second is cut off once the grace period is over, with 408. */
    @Test
    void aSlowBodyIsCutOff() throws Exception {
        try (Socket socket = RawHttp.connect(port(), null)) {
            socket.setSoTimeout(30_000);
            OutputStream out = socket.getOutputStream();
            out.write(("POST /api/v1/units HTTP/1.1\r\nHost: ledger\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n"
                    + WRITER_LOGIN + "\r\n\r\n").getBytes(StandardCharsets.UTF_8));
            InputStream in = socket.getInputStream();
            long started = System.nanoTime();
            while (in.available() == 0 && System.nanoTime() - started < 30_000_000_000L) {
                out.write(' ');
                out.flush();
                Thread.sleep(500);
            }

            assertThat(RawHttp.status(in)).isEqualTo(408);
            assertThat((System.nanoTime() - started) / 1_000_000_000).as("seconds until cut off").isBetween(4L, 10L);
        }
    }

    /** A form body is not read before sign-in either (Spring's form filter would read PUT, PATCH and DELETE bodies first). */
    @Test
    void aStrangersFormBodyIsNotReadBeforeSignIn() throws Exception {
        try (Socket socket = RawHttp.connect(port(), null)) {
            socket.setSoTimeout(3_000);
            socket.getOutputStream().write(("DELETE /api/v1/projects/x/indicators/1 HTTP/1.1\r\nHost: ledger\r\n"
                    + "Content-Type: application/x-www-form-urlencoded\r\nContent-Length: 100000\r\n\r\nreason=")
                    .getBytes(StandardCharsets.UTF_8));

            assertThat(RawHttp.status(socket.getInputStream())).as("answered without waiting for the body").isEqualTo(401);
        }
    }

    /**
     * One address with many bodies still arriving (here: 32 writers' requests whose
     * bodies never come) gets 429 for the next at once; another address does not.
     */
    @Test
    void oneAddressMayHaveOnly32BodiesArrivingAtOnce() throws Exception {
        List<Socket> waiting = bodiesThatNeverCome(32, "127.0.0.4");
        try {
            String refused = sentUntil(429, "127.0.0.4");

            assertThat(RawHttp.status(refused)).isEqualTo(429);
            assertThat(refused.toLowerCase()).contains("retry-after: 1").contains("still sending their bodies");
            assertThat(RawHttp.status(RawHttp.exchange(port(), "127.0.0.5", SMALL, "{}"))).as("another address").isEqualTo(400);
        } finally {
            closeAll(waiting);
        }
    }

    private static final String SMALL = "POST /api/v1/units HTTP/1.1\r\nContent-Type: application/json\r\nContent-Length: 2\r\n" + WRITER_LOGIN;

    /**
     * {@code count} writers' requests whose 1,000-byte bodies never come, from the addresses
     * given in turn. The writer signs in from each address first: 48 first sign-ins at once
     * would queue for their password checks (one at a time) and some be told to come back
     * (429) — then fewer bodies would be arriving than the test counts on.
     */
    private List<Socket> bodiesThatNeverCome(int count, String... addresses) throws IOException {
        for (String address : addresses) {
            assertThat(RawHttp.status(RawHttp.exchange(port(), address, SMALL, "{}"))).as("signed in from " + address).isEqualTo(400);
        }
        String head = "POST /api/v1/units HTTP/1.1\r\nHost: ledger\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n"
                + WRITER_LOGIN + "\r\n\r\n";
        List<Socket> waiting = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            Socket socket = RawHttp.connect(port(), addresses[i % addresses.length]);
            socket.getOutputStream().write(head.getBytes(StandardCharsets.UTF_8));
            waiting.add(socket);
        }
        return waiting;
    }

    /** A small write from {@code address}, sent again until it is answered {@code status} or 5 s have passed. */
    private String sentUntil(int status, String address) throws InterruptedException {
        String answer = "";
        long started = System.nanoTime();
        while (RawHttp.status(answer) != status && System.nanoTime() - started < 5_000_000_000L) {
            Thread.sleep(100);
            answer = RawHttp.exchange(port(), address, SMALL, "{}");
        }
        return answer;
    }

    private static void closeAll(List<Socket> sockets) throws IOException {
        for (Socket socket : sockets) {
            socket.close();
        }
    }

    /**
     * One account's bodies still arriving count together wherever they come from: 24 from
     * each of two addresses (each under its own limit of 32), and the 49th (the account's
     * limit is 48 in tests), from a third, gets 429 at once; once they are gone, the
     * account may send again.
     */
    @Test
    void oneAccountMayHaveOnly48BodiesArrivingAtOnce() throws Exception {
        List<Socket> waiting = bodiesThatNeverCome(48, "127.0.0.6", "127.0.0.7");
        try {
            String refused = sentUntil(429, "127.0.0.8");

            assertThat(RawHttp.status(refused)).isEqualTo(429);
            assertThat(refused.toLowerCase()).contains("retry-after: 1").contains("requests of your account");
        } finally {
            closeAll(waiting);
        }
        assertThat(RawHttp.status(sentUntil(400, "127.0.0.8"))).as("the account's bodies are in: its next is read (and found wanting)")
                .isEqualTo(400);
    }

    /** Request headers that trickle in are cut off at the deadline (3 s in tests), counted from the request's first byte. */
    @Test
    void tricklingHeadersAreCutOffAtTheDeadline() throws Exception {
        try (Socket socket = RawHttp.connect(port(), null)) {
            socket.setSoTimeout(200);
            OutputStream out = socket.getOutputStream();
            InputStream in = socket.getInputStream();
            out.write("GET /actuator/health HTTP/1.1\r\nHost: ledger\r\nX-Slow: ".getBytes(StandardCharsets.UTF_8));
            long started = System.nanoTime();
            boolean closed = false;
            while (!closed && System.nanoTime() - started < 20_000_000_000L) {
                try {
                    out.write('a');
                    out.flush();
                    closed = in.read() < 0;
                } catch (SocketTimeoutException stillOpen) {
                    // the ledger is still waiting for the headers
                } catch (IOException reset) {
                    closed = true;
                }
            }

            assertThat(closed).as("the ledger closed the connection while the headers still trickled").isTrue();
            assertThat((System.nanoTime() - started) / 1_000_000).as("ms until closed").isBetween(2_500L, 6_000L);
        }
    }

    /**
     * A request refused without reading its body (no credentials; or an auditor's write,
     * refused for its role) is answered, and then the connection is closed rather than
     * the rest of the body drained at the sender's pace — which, for a slow sender, held
     * a thread for as long as it pleased.
     */
    @ParameterizedTest
    @CsvSource({"'', 401", "audit-office, 403"})
    void aRefusedRequestsBodyIsNotDrained(String account, int status) throws Exception {
        String credentials = account.isEmpty() ? "" : RawHttp.basic(account, TestDeployment.PASSWORDS.get(account)) + "\r\n";
        try (Socket socket = RawHttp.connect(port(), null)) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(("POST /api/v1/projects HTTP/1.1\r\nHost: ledger\r\n" + credentials
                    + "Content-Type: application/json\r\nContent-Length: 100000\r\n\r\n{").getBytes(StandardCharsets.UTF_8));
            InputStream in = socket.getInputStream();

            assertThat(RawHttp.status(in)).isEqualTo(status);
            socket.setSoTimeout(200);
            boolean closed = false;
            long started = System.nanoTime();
            byte[] rest = new byte[8192];
            while (!closed && System.nanoTime() - started < 15_000_000_000L) {
                try {
                    out.write(' ');
                    out.flush();
                    closed = in.read(rest) < 0;
                } catch (SocketTimeoutException stillOpen) {
                    // the ledger is still reading what we send
                } catch (IOException reset) {
                    closed = true;
                }
            }

            assertThat(closed).as("the ledger closed the connection while the sender still sent").isTrue();
            assertThat((System.nanoTime() - started) / 1_000_000).as("ms until closed").isLessThan(2_000);
        }
    }
}
