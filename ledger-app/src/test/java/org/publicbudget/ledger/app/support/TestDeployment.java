package org.publicbudget.ledger.app.support;

import java.util.Map;
import java.util.function.Supplier;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * The settings of a test deployment: a PostgreSQL schema, and accounts configured the
 * way a deployment configures them (hashed passwords, one role each).
 */
public final class TestDeployment {

    public static final String WRITER = "treasury";
    public static final String AUDITOR = "audit-office";
    public static final String OPERATOR = "ops";
    /** Prometheus's account: the metrics and nothing else. */
    public static final String MONITOR = "monitor";
    /** A warehouse that follows every event, and a portal that follows one department's (by name, every fiscal year). */
    public static final String WAREHOUSE = "warehouse";
    public static final String PORTAL = "portal";
    public static final String PORTAL_DEPARTMENT = "公开门户 测试局";
    public static final Map<String, String> PASSWORDS = Map.of(WRITER, "treasury-secret", AUDITOR, "audit-secret", OPERATOR, "ops-secret",
            MONITOR, "monitor-secret", WAREHOUSE, "warehouse-secret", PORTAL, "portal-secret");

    private TestDeployment() {
    }

    /** {@code url} is the database's own, or one that reaches it another way (through a proxy, say). */
    public static void configure(DynamicPropertyRegistry registry, TestPostgres.Database database, Supplier<Object> url) {
        registry.add("spring.datasource.url", url);
        registry.add("spring.datasource.username", database::user);
        registry.add("spring.datasource.password", database::password);
        registry.add("spring.flyway.schemas", database::schema);
        // a short deadline for request headers, so that a test can see a trickling header cut off
        registry.add("ledger.http.header-deadline", () -> "3s");
        // more bodies in flight for an account than for an address, so that a test can tell the two limits apart
        registry.add("ledger.http.max-bodies-per-account", () -> "48");
        // a quiet event stream says it is alive every second rather than every fifteen
        registry.add("ledger.feed.heartbeat", () -> "1s");
        // Low cost factor: hashed as in production, but quick enough for hundreds of test requests.
        BCryptPasswordEncoder bcrypt = new BCryptPasswordEncoder(4);
        String[][] accounts = {{WRITER, "LEDGER_WRITER"}, {AUDITOR, "AUDITOR"}, {OPERATOR, "OPERATOR"}, {MONITOR, "METRICS"},
            {WAREHOUSE, "FEED"}, {PORTAL, "FEED"}};
        for (int i = 0; i < accounts.length; i++) {
            String name = accounts[i][0];
            String role = accounts[i][1];
            registry.add("ledger.security.users[" + i + "].name", () -> name);
            registry.add("ledger.security.users[" + i + "].password", () -> "{bcrypt}" + bcrypt.encode(PASSWORDS.get(name)));
            registry.add("ledger.security.users[" + i + "].roles", () -> role);
        }
        registry.add("ledger.security.users[" + (accounts.length - 1) + "].departments", () -> PORTAL_DEPARTMENT);
    }
}
