package org.publicbudget.ledger.app.support;

import org.junit.jupiter.api.BeforeEach;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The application as deployed: a real server on a random port, on a real PostgreSQL,
 * with accounts configured the way a deployment configures them (hashed passwords,
 * one role each). All subclasses share one application and one schema, so each test
 * uses names of its own. Metrics are exported as in a deployment (Spring's tests
 * switch them off unless asked).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureObservability(tracing = false)
public abstract class PostgresApiTest {

    public static final String WRITER = TestDeployment.WRITER;
    public static final String AUDITOR = TestDeployment.AUDITOR;
    public static final String OPERATOR = TestDeployment.OPERATOR;
    private static final TestPostgres.Database DATABASE = TestPostgres.freshSchema();

    @LocalServerPort
    private int port;

    protected Api api;

    @DynamicPropertySource
    static void deployment(DynamicPropertyRegistry registry) {
        TestDeployment.configure(registry, DATABASE, DATABASE::url);
    }

    protected int port() {
        return port;
    }

    @BeforeEach
    protected void connect() {
        api = new Api(port, TestDeployment.PASSWORDS);
    }
}
