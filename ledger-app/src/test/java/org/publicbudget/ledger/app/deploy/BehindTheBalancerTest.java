package org.publicbudget.ledger.app.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.publicbudget.ledger.app.support.RawHttp;
import org.publicbudget.ledger.app.support.TestDeployment;
import org.publicbudget.ledger.app.support.TestPostgres;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * A node configured as the compose file runs it behind nginx: client addresses from
 * the balancer's X-Forwarded-For, and — as a deployment may choose — no Swagger UI and
 * no published API description.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "server.forward-headers-strategy=native", "springdoc.swagger-ui.enabled=false", "springdoc.api-docs.enabled=false"})
class BehindTheBalancerTest {

    private static final TestPostgres.Database DATABASE = TestPostgres.freshSchema();

    @LocalServerPort
    private int port;

    @DynamicPropertySource
    static void deployment(DynamicPropertyRegistry registry) {
        TestDeployment.configure(registry, DATABASE, DATABASE::url);
    }

    @Test
    void swaggerUiAndTheApiDescriptionCanBeTurnedOff() {
        for (String path : new String[] {"/swagger-ui.html", "/swagger-ui/index.html", "/v3/api-docs"}) {
            assertThat(RawHttp.status(RawHttp.exchange(port, null, "GET " + path + " HTTP/1.1"))).as(path).isEqualTo(404);
        }
    }

    /** Every request comes from the balancer's address; the throttle must tell its clients apart. */
    @Test
    void signInsAreThrottledPerClientAsTheBalancerNamesIt() {
        for (int i = 0; i < 10; i++) {
            assertThat(RawHttp.status(guess("203.0.113.7", "account-" + i))).isEqualTo(401);
        }
        assertThat(RawHttp.status(guess("203.0.113.7", "one-more"))).isEqualTo(429);
        assertThat(RawHttp.status(guess("203.0.113.8", "another-client"))).isEqualTo(401);
    }

    /** A wrong password for a made-up account, so that only the address's count is at stake. */
    private String guess(String client, String account) {
        return RawHttp.exchange(port, null, "GET /api/v1/departments HTTP/1.1\r\nX-Forwarded-For: " + client + "\r\n"
                + RawHttp.basic(account, "wrong"));
    }
}
