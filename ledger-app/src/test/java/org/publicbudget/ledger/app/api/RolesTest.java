package org.publicbudget.ledger.app.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.publicbudget.ledger.app.support.Api;
import org.publicbudget.ledger.app.support.PostgresApiTest;

/** Auditors read, operators operate; nobody else does either, and health needs no account. */
class RolesTest extends PostgresApiTest {

    @ParameterizedTest(name = "GET {0} as {1} gets {2}")
    @CsvSource(nullValues = "nobody", value = {
            "/api/v1/departments, audit-office, 200",
            "/api/v1/departments, treasury, 403",
            "/api/v1/departments, ops, 403",
            "/api/v1/departments, nobody, 401",
            "/api/v1/units, audit-office, 200",
            "/api/v1/units, treasury, 403",
            "/api/v1/ops/stats, ops, 200",
            "/api/v1/ops/stats, audit-office, 403",
            "/api/v1/ops/stats, treasury, 403",
            "/api/v1/ops/stats, nobody, 401",
            "/actuator/health, nobody, 200"})
    void onlyTheRightRoleGetsThrough(String path, String user, int status) {
        assertThat(api.get(user, path).status()).isEqualTo(status);
    }

    @ParameterizedTest
    @CsvSource({"treasury, wrong-password", "stranger, anything"})
    void wrongCredentialsAreRefused(String user, String password) {
        Api other = new Api(port(), Map.of(user, password));
        assertThat(other.get(user, "/api/v1/departments").status()).isEqualTo(401);
    }
}
