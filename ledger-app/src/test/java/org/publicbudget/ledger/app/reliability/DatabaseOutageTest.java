package org.publicbudget.ledger.app.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.publicbudget.ledger.app.support.Api;
import org.publicbudget.ledger.app.support.CuttableProxy;
import org.publicbudget.ledger.app.support.TestDeployment;
import org.publicbudget.ledger.app.support.TestPostgres;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The database goes away under the running ledger and comes back: meanwhile every
 * request gets 503 with Retry-After (never a 500), the ledger recovers by itself,
 * and nothing acknowledged is lost — nor recorded twice when clients retry.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class DatabaseOutageTest {

    private static final TestPostgres.Database DATABASE = TestPostgres.freshSchema();
    private static final CuttableProxy PROXY = proxyFor(DATABASE.url());

    @LocalServerPort
    private int port;

    private static CuttableProxy proxyFor(String url) {
        Matcher hostPort = Pattern.compile("//([^:/]+):(\\d+)/").matcher(url);
        if (!hostPort.find()) {
            throw new IllegalStateException("no host and port in " + url);
        }
        try {
            return new CuttableProxy(hostPort.group(1), Integer.parseInt(hostPort.group(2)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @DynamicPropertySource
    static void throughTheProxy(DynamicPropertyRegistry registry) {
        TestDeployment.configure(registry, DATABASE,
                () -> DATABASE.url().replaceFirst("//[^/]+/", "//127.0.0.1:" + PROXY.port() + "/"));
    }

    @AfterAll
    static void closeProxy() throws IOException {
        PROXY.close();
    }

    private static String project(String name) {
        return "{\"department\":\"断线\",\"fiscalYear\":2025,\"unit\":\"街道办事处\",\"name\":\"" + name
                + "\",\"allocations\":{\"FISCAL_APPROPRIATION\":\"5.00\"}}";
    }

    private static void assertUnavailable(Api.Response response) {
        assertThat(response.status()).as(response.body().toString()).isEqualTo(503);
        assertThat(response.headers().firstValue("Retry-After")).hasValue("5");
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(response.body().toString()).doesNotContain("Exception").doesNotContain("at org.");
    }

    @Test
    void whileTheDatabaseIsAwayTheLedgerSays503AndRecoversByItselfLosingNothing() throws IOException {
        Api api = new Api(port, TestDeployment.PASSWORDS);
        assertThat(api.post("treasury", "/api/v1/projects", project("帮扶工作经费")).status()).isEqualTo(201);

        PROXY.cut();
        assertUnavailable(api.post("treasury", "/api/v1/projects", project("人大相关工作经费"), Map.of("Idempotency-Key", "outage-1")));
        assertUnavailable(api.post("treasury", "/api/v1/projects", project("妇女团组织等工作经费")));
        assertUnavailable(api.get("audit-office", "/api/v1/departments"));
        assertThat(api.get(null, "/actuator/health").status()).isEqualTo(503);

        PROXY.restore();
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1)).until(() ->
                api.post("treasury", "/api/v1/projects", project("人大相关工作经费"), Map.of("Idempotency-Key", "outage-1")).status() == 201);
        Api.Response retried = api.post("treasury", "/api/v1/projects", project("人大相关工作经费"), Map.of("Idempotency-Key", "outage-1"));
        assertThat(retried.status()).isEqualTo(201);
        assertThat(retried.headers().firstValue("Idempotent-Replayed")).hasValue("true");
        assertThat(api.get("ops", "/api/v1/ops/stats").body().get("events").asLong())
                .as("the project created before the outage and the one retried after it; nothing else").isEqualTo(2);
        await().atMost(Duration.ofSeconds(30)).until(() -> api.get(null, "/actuator/health").status() == 200);
    }
}
