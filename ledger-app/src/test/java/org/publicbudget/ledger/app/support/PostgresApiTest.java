package org.publicbudget.ledger.app.support;

import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The application as deployed: a real server on a random port, on a real PostgreSQL,
 * with accounts configured the way a deployment configures them (hashed passwords,
 * one role each). All subclasses share one application and one schema, so each test
 * uses names of its own.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
public abstract class PostgresApiTest {

    public static final String WRITER = "treasury";
    public static final String AUDITOR = "audit-office";
    public static final String OPERATOR = "ops";
    private static final Map<String, String> PASSWORDS = Map.of(
            WRITER, "treasury-secret", AUDITOR, "audit-secret", OPERATOR, "ops-secret");
    private static final TestPostgres.Database DATABASE = TestPostgres.freshSchema();

    @LocalServerPort
    private int port;

    protected Api api;

    @DynamicPropertySource
    static void deployment(DynamicPropertyRegistry registry) {
        registry.add("spring.datasource.url", DATABASE::url);
        registry.add("spring.datasource.username", DATABASE::user);
        registry.add("spring.datasource.password", DATABASE::password);
        registry.add("spring.flyway.schemas", DATABASE::schema);
        // Low cost factor: hashed as in production, but quick enough for hundreds of test requests.
        BCryptPasswordEncoder bcrypt = new BCryptPasswordEncoder(4);
        String[][] accounts = {{WRITER, "LEDGER_WRITER"}, {AUDITOR, "AUDITOR"}, {OPERATOR, "OPERATOR"}};
        for (int i = 0; i < accounts.length; i++) {
            String name = accounts[i][0];
            String role = accounts[i][1];
            registry.add("ledger.security.users[" + i + "].name", () -> name);
            registry.add("ledger.security.users[" + i + "].password", () -> "{bcrypt}" + bcrypt.encode(PASSWORDS.get(name)));
            registry.add("ledger.security.users[" + i + "].roles", () -> role);
        }
    }

    protected int port() {
        return port;
    }

    @BeforeEach
    protected void connect() {
        api = new Api(port, PASSWORDS);
    }
}
