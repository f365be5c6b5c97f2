package org.publicbudget.ledger.app.security;

import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Accounts configured for a real deployment, e.g.
 * {@code LEDGER_SECURITY_USERS_0_NAME=treasury}, {@code LEDGER_SECURITY_USERS_0_PASSWORD={bcrypt}$2a$10$…},
 * {@code LEDGER_SECURITY_USERS_0_ROLES=LEDGER_WRITER}. Passwords are stored hashed, in
 * Spring Security's {@code {id}hash} form; a plain-text password is refused at startup.
 * {@code LEDGER_SECURITY_USERS_0_DEPARTMENTS} (department names) limits what an account
 * reads of the event feed to those departments.
 */
@ConfigurationProperties("ledger.security")
public record LedgerUsersProperties(List<User> users) {

    public LedgerUsersProperties {
        users = users == null ? List.of() : List.copyOf(users);
    }

    public record User(String name, String password, List<String> roles, List<String> departments) {
    }
}
