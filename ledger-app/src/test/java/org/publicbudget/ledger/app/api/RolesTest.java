package org.publicbudget.ledger.app.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.publicbudget.ledger.app.support.Api;
import org.publicbudget.ledger.app.support.PostgresApiTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/**
 * The full matrix of endpoint × role: a finance system only writes, an auditor only
 * reads, an operator only operates, nobody without an account gets anything but
 * health — and no password ever appears in the log.
 */
@ExtendWith(OutputCaptureExtension.class)
class RolesTest extends PostgresApiTest {

    private static final String ID = "00000000-0000-0000-0000-000000000000";
    private static final List<String> IDENTITIES = List.of(WRITER, AUDITOR, OPERATOR, "nobody");

    private record Endpoint(String method, String path, String body, String contentType, String role) {
    }

    private static List<Endpoint> endpoints() {
        List<Endpoint> all = new ArrayList<>();
        for (String read : List.of("/api/v1/departments", "/api/v1/departments/" + ID, "/api/v1/departments/" + ID + "/units",
                "/api/v1/departments/" + ID + "/trail", "/api/v1/units", "/api/v1/units/" + ID, "/api/v1/units/" + ID + "/projects",
                "/api/v1/units/" + ID + "/trail", "/api/v1/projects/" + ID, "/api/v1/projects/" + ID + "/trail")) {
            all.add(new Endpoint("GET", read, null, null, AUDITOR));
            // HEAD answers status, ETag and length as GET does: a read, for readers only
            all.add(new Endpoint("HEAD", read, null, null, AUDITOR));
            all.add(new Endpoint("OPTIONS", read, null, null, AUDITOR));
        }
        all.add(new Endpoint("GET", "/api/v1/ops/stats", null, null, OPERATOR));
        all.add(new Endpoint("HEAD", "/api/v1/ops/stats", null, null, OPERATOR));
        all.add(new Endpoint("HEAD", "/api/v1/verify", null, null, AUDITOR));
        String json = "application/json";
        String project = "/api/v1/projects/" + ID;
        all.add(new Endpoint("POST", "/api/v1/projects", "{\"department\":\"Roles\",\"fiscalYear\":2025,\"unit\":\"u\",\"name\":\"n\"}", json, WRITER));
        all.add(new Endpoint("POST", project + "/allocation-revisions", "{\"fundingSource\":\"OTHER\",\"amount\":\"1\",\"reason\":\"r\"}", json, WRITER));
        all.add(new Endpoint("POST", project + "/indicators", "{\"level1\":\"1\",\"level2\":\"11\",\"name\":\"n\"}", json, WRITER));
        all.add(new Endpoint("PUT", project + "/indicators/1", "{\"level1\":\"1\",\"level2\":\"11\",\"name\":\"n\",\"reason\":\"r\"}", json, WRITER));
        all.add(new Endpoint("DELETE", project + "/indicators/1?reason=r", null, null, WRITER));
        all.add(new Endpoint("POST", project + "/goal", "{\"goal\":\"g\",\"reason\":\"r\"}", json, WRITER));
        all.add(new Endpoint("POST", project + "/withdrawal", "{\"reason\":\"r\"}", json, WRITER));
        all.add(new Endpoint("POST", "/api/v1/transfers", "{\"fromProjectId\":\"" + ID + "\",\"toProjectId\":\"x\",\"fundingSource\":\"OTHER\","
                + "\"amount\":\"1\",\"reason\":\"r\"}", json, WRITER));
        all.add(new Endpoint("POST", "/api/v1/units", "{\"department\":\"Roles\",\"fiscalYear\":2025,\"unit\":\"u\",\"reason\":\"r\"}", json, WRITER));
        all.add(new Endpoint("POST", "/api/v1/declared-totals", "{\"department\":\"Roles\",\"fiscalYear\":2025,\"amount\":\"1\",\"reason\":\"r\"}", json, WRITER));
        all.add(new Endpoint("POST", "/api/v1/imports?fiscalYear=2025&documentName=x.txt", "not a table", "text/plain", WRITER));
        all.add(new Endpoint("POST", "/api/v1/batches", "{\"commands\":[{\"type\":\"WITHDRAWAL\",\"projectId\":\"" + ID
                + "\",\"reason\":\"r\"}]}", json, WRITER));
        return all;
    }

    @TestFactory
    Stream<DynamicTest> everyEndpointAnswersOnlyItsRole() {
        return endpoints().stream().flatMap(endpoint -> IDENTITIES.stream().map(identity -> DynamicTest.dynamicTest(
                endpoint.method() + " " + endpoint.path() + " as " + identity, () -> {
                    String user = identity.equals("nobody") ? null : identity;
                    int status = api.send(user, endpoint.method(), endpoint.path(), endpoint.body(), endpoint.contentType(), Map.of()).status();
                    if (user == null) {
                        assertThat(status).isEqualTo(401);
                    } else if (identity.equals(endpoint.role())) {
                        assertThat(status).isNotIn(401, 403).isLessThan(500);
                    } else {
                        assertThat(status).isEqualTo(403);
                    }
                })));
    }

    /** A method the ledger does not use is refused before anyone's role is looked at. */
    @Test
    void aMethodTheLedgerDoesNotUseIsRefusedToEveryone() {
        for (String identity : IDENTITIES) {
            String user = identity.equals("nobody") ? null : identity;
            assertThat(api.send(user, "PROPFIND", "/api/v1/departments", null, null, Map.of()).status()).as(identity).isEqualTo(400);
        }
    }

    @Test
    void healthNeedsNoAccount() {
        assertThat(api.get(null, "/actuator/health").status()).isEqualTo(200);
    }

    @ParameterizedTest
    @CsvSource({"treasury, wrong-password", "stranger, anything"})
    void wrongCredentialsAreRefused(String user, String password) {
        Api other = new Api(port(), Map.of(user, password));
        assertThat(other.get(user, "/api/v1/departments").status()).isEqualTo(401);
    }

    @Test
    void noPasswordReachesTheLog(CapturedOutput log) {
        Set<String> secrets = Set.of("treasury-secret", "audit-secret", "ops-secret", "guess-Hunter2");
        api.get(AUDITOR, "/api/v1/departments");
        api.post(WRITER, "/api/v1/projects", "{\"department\":\"Roles\",\"fiscalYear\":2025,\"unit\":\"u\",\"name\":\"n\"}");
        new Api(port(), Map.of(WRITER, "guess-Hunter2")).get(WRITER, "/api/v1/departments");
        for (String secret : secrets) {
            assertThat(log.getAll()).doesNotContain(secret);
        }
    }
}
