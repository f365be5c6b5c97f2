package org.publicbudget.ledger.app.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.publicbudget.ledger.app.support.PostgresApiTest;
import org.publicbudget.ledger.app.support.RawHttp;
import org.publicbudget.ledger.app.support.TestDeployment;

/**
 * A page on another site posting to the ledger with the Basic credentials its browser
 * has cached: refused before anything is read. The body is no budget table, so a write
 * that got through would be answered 422 — 403 shows it never reached the import.
 */
class CrossSiteWritesTest extends PostgresApiTest {

    private static final String NOT_A_TABLE = "just some notes\n";

    private String post(String... headers) {
        String head = "POST /api/v1/imports?fiscalYear=2071&documentName=notes.txt&dryRun=true HTTP/1.1\r\n"
                + RawHttp.basic(WRITER, TestDeployment.PASSWORDS.get(WRITER)) + "\r\nContent-Type: text/plain\r\nContent-Length: "
                + NOT_A_TABLE.length() + "\r\n" + String.join("\r\n", headers);
        return RawHttp.exchange(port(), null, head, NOT_A_TABLE);
    }

    private static JsonNode problem(String answer) throws Exception {
        return new ObjectMapper().readTree(answer.substring(answer.indexOf("\r\n\r\n") + 4));
    }

    @Test
    void aWriteFromAnotherSiteIsRefusedBeforeItIsRead() throws Exception {
        String answer = post("Origin: https://evil.example", "Sec-Fetch-Site: cross-site");
        assertThat(RawHttp.status(answer)).isEqualTo(403);
        assertThat(answer.toLowerCase()).contains("content-type: application/problem+json").doesNotContain("www-authenticate");
        assertThat(problem(answer).get("field").asText()).isEqualTo("Sec-Fetch-Site");
        assertThat(problem(answer).get("detail").asText()).contains("another site");

        assertThat(RawHttp.status(post("Sec-Fetch-Site: same-site"))).as("another origin of the same site").isEqualTo(403);
    }

    /** Browsers that send no Sec-Fetch-Site still send Origin with a cross-site POST. */
    @Test
    void aWriteFromAnotherOriginIsRefused() throws Exception {
        for (String origin : new String[] {"https://evil.example", "http://ledger.evil.example", "http://ledger:8443", "null", "ledger"}) {
            String answer = post("Origin: " + origin);
            assertThat(RawHttp.status(answer)).as(origin).isEqualTo(403);
            assertThat(problem(answer).get("field").asText()).isEqualTo("Origin");
        }
    }

    @Test
    void theLedgersOwnPageAndSystemsWithoutABrowserAreNotRefused() {
        assertThat(RawHttp.status(post("Origin: http://ledger", "Sec-Fetch-Site: same-origin"))).isEqualTo(422);
        assertThat(RawHttp.status(post("Origin: https://LEDGER:443"))).as("behind a proxy that ends TLS").isEqualTo(422);
        assertThat(RawHttp.status(post())).as("a finance system: no browser headers").isEqualTo(422);
    }

    @Test
    void readsFromAnotherSiteAreAnsweredAsAlways() {
        String answer = RawHttp.exchange(port(), null, "GET /api/v1/departments HTTP/1.1\r\n" + RawHttp.basic(AUDITOR,
                TestDeployment.PASSWORDS.get(AUDITOR)) + "\r\nOrigin: https://evil.example\r\nSec-Fetch-Site: cross-site");
        assertThat(RawHttp.status(answer)).isEqualTo(200);
    }
}
