package org.publicbudget.ledger.app.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.publicbudget.ledger.app.support.PostgresApiTest;
import org.publicbudget.ledger.app.support.RawHttp;

/**
 * Password guessing as a client sees it. The guesses come from 127.0.0.2, a client
 * address of their own, so that the other tests' sign-ins from 127.0.0.1 are not held back.
 */
class SignInOverHttpTest extends PostgresApiTest {

    /** Guesses from one address, each for another account: the address is held back, other clients are not. */
    @Test
    void guessesFromOneAddressAreAnswered429WithRetryAfter() throws Exception {
        for (int i = 0; i < SignInThrottle.FREE_PER_ADDRESS; i++) {
            assertThat(RawHttp.status(get("127.0.0.2", "sprayed-" + i, "guess"))).isEqualTo(401);
        }

        String throttled = get("127.0.0.2", "sprayed-last", "guess");
        assertThat(RawHttp.status(throttled)).isEqualTo(429);
        String head = throttled.substring(0, throttled.indexOf("\r\n\r\n")).toLowerCase();
        assertThat(head).contains("retry-after: 1").contains("content-type: application/problem+json");
        JsonNode problem = new ObjectMapper().readTree(throttled.substring(throttled.indexOf("\r\n\r\n") + 4));
        assertThat(problem.get("detail").asText()).contains("too many failed sign-ins").contains("try again in 1 s");

        assertThat(RawHttp.status(get("127.0.0.3", "sprayed-elsewhere", "guess"))).as("checked: another address").isEqualTo(401);
        api.get(AUDITOR, "/api/v1/departments");
        assertThat(RawHttp.status(get("127.0.0.1", AUDITOR, "audit-secret"))).as("where the account signs in").isEqualTo(200);
        assertThat(RawHttp.status(get("127.0.0.2", AUDITOR, "audit-secret")))
                .as("the right password, remembered, from the throttled address: no answer to a guess").isEqualTo(429);
    }

    /** Guesses of one account from many addresses: the account is held back from addresses it has not signed in from. */
    @Test
    void guessesOfOneAccountAreAnswered429() {
        for (int i = 0; i < SignInThrottle.FREE_PER_ACCOUNT; i++) {
            assertThat(RawHttp.status(get("127.0.1." + (i + 1), "guessed", "guess-" + i))).isEqualTo(401);
        }

        assertThat(RawHttp.status(get("127.0.1.99", "guessed", "guess"))).isEqualTo(429);
        assertThat(RawHttp.status(get("127.0.1.99", "not-guessed", "guess"))).as("another account").isEqualTo(401);
    }

    private String get(String from, String user, String password) {
        return RawHttp.exchange(port(), from, "GET /api/v1/departments HTTP/1.1\r\n" + RawHttp.basic(user, password));
    }
}
