package org.publicbudget.ledger.app.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.mock.env.MockEnvironment;
import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * Accounts configured with a hash that a copied configuration file would give away, or
 * one the ledger cannot check (argon2 and scrypt need Bouncy Castle, not bundled): the
 * ledger does not start.
 */
class UserAccountsTest {

    private final UserAccounts accounts = new UserAccounts();
    private final PasswordEncoder encoder = accounts.passwordEncoder();

    private void configure(String password) {
        accounts.userDetailsService(new LedgerUsersProperties(List.of(new LedgerUsersProperties.User("finance", password,
                List.of("LEDGER_WRITER"), null))), new MockEnvironment(), encoder);
    }

    @ParameterizedTest
    @ValueSource(strings = {"{MD5}5f4dcc3b5aa765d61d8327deb882cf99", "{SHA-1}5baa61e4c9b93f3f0682250b6cf8331b7ee68fd8",
            "{sha256}97cde38028ad898ebcd7d7fa1e4b3c27b8b8c8e8a2a3e9b7e1f7b7e2b8c8e8a2", "{noop}secret", "{pbkdf2}5d923b44a6d129f3ddf3e3c8d29412723dcbde72445e8ef6bf3b508fbf17fa4ed4d6b99ca763d8dc",
            "{ldap}{SSHA}abc", "{argon2}$argon2id$v=19$m=16384,t=2,p=1$abc$def", "{scrypt}$e0801$abc$def", "$2a$10$dXJ3SW6G7P50lGmMkkmwe.20cQQubK3.HZWzG3YB1tlRy.fqvM/BG", "secret"})
    void weakOrUnmarkedHashesAreRefused(String password) {
        assertThatThrownBy(() -> configure(password)).isInstanceOf(IllegalStateException.class).hasMessageContaining("bcrypt hash");
    }

    @Test
    void aBcryptHashIsAccepted() {
        String password = encoder.encode("s3cret");
        assertThat(password).startsWith("{bcrypt}");
        configure(password);
        assertThat(encoder.matches("s3cret", password)).isTrue();
    }
}
