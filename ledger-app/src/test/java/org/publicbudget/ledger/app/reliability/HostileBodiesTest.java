package org.publicbudget.ledger.app.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Random;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.publicbudget.ledger.app.support.PostgresApiTest;

/**
 * Bodies no finance system should send — invalid UTF-8, random bytes, nesting ten
 * thousand deep, payloads of many megabytes — sent as raw bytes to every command.
 * None gets a 5xx, and none changes the store.
 */
class HostileBodiesTest extends PostgresApiTest {

    private static final String[] PATHS = {"/api/v1/projects", "/api/v1/projects/x/allocation-revisions", "/api/v1/transfers",
            "/api/v1/units", "/api/v1/declared-totals", "/api/v1/projects/x/goal", "/api/v1/imports?fiscalYear=2025&documentName=x.txt"};

    private int send(String path, byte[] body, String contentType) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port() + path))
                .header("Content-Type", contentType)
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString("treasury:treasury-secret".getBytes(StandardCharsets.UTF_8)))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
        try {
            return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException closed) {
            return -1;
        }
    }

    private static byte[] invalidUtf8() {
        return new byte[] {'{', '"', 'n', 'a', 'm', 'e', '"', ':', '"', (byte) 0xC3, (byte) 0x28, (byte) 0xFF, '"', '}'};
    }

    private static byte[] deepNesting() {
        return ("{\"name\":" + "[".repeat(10_000) + "]".repeat(10_000) + "}").getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] huge() {
        return ("{\"department\":\"" + "大".repeat(8_000_000) + "\",\"fiscalYear\":2025}").getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] randomBytes(long seed) {
        byte[] bytes = new byte[new Random(seed).nextInt(5000)];
        new Random(seed).nextBytes(bytes);
        return bytes;
    }

    @TestFactory
    Stream<DynamicTest> hostileBodiesNeverCauseA5xxNorAChange() {
        return Stream.of(PATHS).flatMap(path -> Stream.concat(
                Stream.of(new Object[] {"invalid UTF-8", invalidUtf8()}, new Object[] {"nesting 10,000 deep", deepNesting()},
                        new Object[] {"24 MB", huge()}),
                IntStream.range(0, 20).mapToObj(seed -> new Object[] {"random bytes " + seed, randomBytes(seed)}))
                .map(c -> DynamicTest.dynamicTest(path + ": " + c[0], () -> {
                    JsonNode before = api.get(OPERATOR, "/api/v1/ops/stats").body();
                    String type = path.contains("imports") ? "text/plain; charset=UTF-8" : "application/json";
                    int status = send(path, (byte[]) c[1], type);
                    if (c[0].equals("24 MB")) {
                        // refused before it is read, and the connection closed: a client still sending may see the close first
                        assertThat(status).isIn(413, -1);
                    } else {
                        assertThat(status).isBetween(400, 499);
                    }
                    assertThat(api.get(OPERATOR, "/api/v1/ops/stats").body()).isEqualTo(before);
                })));
    }
}
