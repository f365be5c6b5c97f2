package org.publicbudget.ledger.app.security;

import io.micrometer.core.instrument.MeterRegistry;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.publicbudget.ledger.app.infrastructure.database.EmbeddedDefault;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.dao.DaoAuthenticationProvider;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;

/**
 * Who may sign in. A deployment configures its accounts (see {@link LedgerUsersProperties}).
 * The embedded default — the zero-install run on a local H2 file — also has three demo
 * accounts, one per role, so a newcomer can try everything at once; they exist
 * nowhere else.
 */
@Configuration
public class UserAccounts {

    private static final Logger log = LoggerFactory.getLogger(UserAccounts.class);

    @Bean
    public PasswordEncoder passwordEncoder() {
        return PasswordEncoderFactories.createDelegatingPasswordEncoder();
    }

    /**
     * bcrypt checks, remembered for a few minutes once they succeed, slowed down after
     * failures, a few at a time (by default half the cores); see {@link RememberedCredentials}.
     */
    @Bean
    public AuthenticationProvider authenticationProvider(UserDetailsService users, PasswordEncoder encoder,
            @Value("${ledger.security.sign-in.concurrent-checks:0}") int concurrentChecks, MeterRegistry meters) {
        DaoAuthenticationProvider checker = new DaoAuthenticationProvider(encoder);
        checker.setUserDetailsService(users);
        int checks = concurrentChecks > 0 ? concurrentChecks : Math.max(1, Runtime.getRuntime().availableProcessors() / 2);
        return new RememberedCredentials(checker, Clock.systemUTC(), new SignInThrottle(Clock.systemUTC()), checks, meters);
    }

    /**
     * Only bcrypt, which is slow to compute on purpose: {MD5}, {SHA-1}, {sha256}, {noop}
     * and the rest that Spring still reads for old systems would let a copied
     * configuration be cracked in hours. (argon2 and scrypt would be as good, but need
     * Bouncy Castle, which the ledger does not bundle: such a hash could never be checked.)
     */
    static boolean strongHash(String password) {
        return password != null && password.startsWith("{bcrypt}$2");
    }

    @Bean
    public UserDetailsService userDetailsService(LedgerUsersProperties configured, Environment environment,
            PasswordEncoder encoder) {
        List<UserDetails> users = new ArrayList<>();
        for (LedgerUsersProperties.User user : configured.users()) {
            if (user.name() == null || user.name().startsWith(SecurityConfiguration.TOKEN_SUBJECT)) {
                throw new IllegalStateException("Account names may not start with " + SecurityConfiguration.TOKEN_SUBJECT
                        + " (kept for the subjects of bearer tokens): " + user.name());
            }
            if (!strongHash(user.password())) {
                throw new IllegalStateException("The password of user " + user.name()
                        + " must be given as a bcrypt hash, e.g. {bcrypt}$2a$10$…");
            }
            users.add(User.withUsername(user.name()).password(user.password())
                    .roles(user.roles().toArray(String[]::new)).build());
        }
        if (EmbeddedDefault.isActive(environment)) {
            String password = demoPassword(environment);
            users.add(demo("finance", password, Roles.LEDGER_WRITER, encoder));
            users.add(demo("auditor", password, Roles.AUDITOR, encoder));
            users.add(demo("operator", password, Roles.OPERATOR, encoder));
        }
        if (users.isEmpty()) {
            log.warn("No user accounts are configured: every /api call will be refused. See ledger.security.users in the README.");
        }
        return new InMemoryUserDetailsManager(users);
    }

    private static String demoPassword(Environment environment) {
        String given = environment.getProperty("LEDGER_DEMO_PASSWORD");
        if (given != null && !given.isBlank()) {
            return given;
        }
        byte[] random = new byte[12];
        new SecureRandom().nextBytes(random);
        String generated = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
        // Printed once, on purpose: it is the only way a newcomer learns it. Set LEDGER_DEMO_PASSWORD to avoid it.
        log.warn("Demo accounts finance, auditor and operator share the generated password: {}", generated);
        return generated;
    }

    private static UserDetails demo(String name, String password, String role, PasswordEncoder encoder) {
        return User.withUsername(name).password(encoder.encode(password)).roles(role).build();
    }
}
