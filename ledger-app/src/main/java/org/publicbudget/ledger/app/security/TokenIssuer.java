package org.publicbudget.ledger.app.security;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.AnyNestedCondition;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimNames;
import org.springframework.security.oauth2.jwt.JwtClaimValidator;
import org.springframework.security.oauth2.jwt.JwtIssuerValidator;

/**
 * Which bearer tokens are accepted, whenever tokens are on (a key source is configured:
 * {@code public-key-location}, {@code jwk-set-uri} or {@code issuer-uri}):
 * <ul>
 * <li>meant for this ledger ({@code ledger.security.jwt.audience}, required — the ledger
 * refuses to start without it: a token the same identity provider issued for another
 * system must not open this one);</li>
 * <li>with an expiry no further away than {@code ledger.security.jwt.max-lifetime}
 * (default 12 hours): a token without {@code exp}, or one good for a year, would be a
 * password that cannot be changed;</li>
 * <li>with a subject, the actor recorded on every event: present, not blank, at most
 * 200 characters, no control or invisible characters (a newline would forge a line of
 * the audit trail);</li>
 * <li>from {@code ledger.security.jwt.issuer}, when set. Set beside a key source it
 * needs no discovery call to the identity provider at startup, unlike {@code issuer-uri}.</li>
 * </ul>
 */
@Configuration
@Conditional(TokenIssuer.TokensOn.class)
public class TokenIssuer {

    private static final Logger log = LoggerFactory.getLogger(TokenIssuer.class);
    /** A subject as an actor: printable, no line breaks, no invisible characters, not padded. */
    private static final Pattern PLAIN_SUBJECT = Pattern.compile("[^\\p{C}\\p{Z}](?:[^\\p{C}\\p{Zl}\\p{Zp}]{0,198}[^\\p{C}\\p{Z}])?");

    /** Tokens are on when any key source of Spring's resource server is configured. */
    static class TokensOn extends AnyNestedCondition {

        TokensOn() {
            super(ConfigurationPhase.REGISTER_BEAN);
        }

        @ConditionalOnProperty("spring.security.oauth2.resourceserver.jwt.public-key-location")
        static class PublicKey {
        }

        @ConditionalOnProperty("spring.security.oauth2.resourceserver.jwt.jwk-set-uri")
        static class KeySet {
        }

        @ConditionalOnProperty("spring.security.oauth2.resourceserver.jwt.issuer-uri")
        static class Discovered {
        }
    }

    @Bean
    public OAuth2TokenValidator<Jwt> audienceValidator(@Value("${ledger.security.jwt.audience:}") String audience,
            @Value("${ledger.security.jwt.issuer:}") String issuer, @Value("${ledger.security.jwt.max-lifetime:12h}") Duration maxLifetime) {
        if (audience.isBlank()) {
            throw new IllegalStateException("Bearer tokens are on (a key source is configured) but ledger.security.jwt.audience "
                    + "(LEDGER_SECURITY_JWT_AUDIENCE) is not set: without it a token issued for any other system would open the ledger");
        }
        log.info("Bearer tokens accepted: audience {}, issuer {}, at most {} between now and their expiry, a plain subject", audience,
                issuer.isBlank() ? "any the keys sign for" : issuer, maxLifetime);
        return new JwtClaimValidator<List<String>>(JwtClaimNames.AUD, given -> given != null && given.contains(audience));
    }

    @Bean
    public OAuth2TokenValidator<Jwt> expiryRequired(@Value("${ledger.security.jwt.max-lifetime:12h}") Duration maxLifetime) {
        return new JwtClaimValidator<Instant>(JwtClaimNames.EXP, expires -> expires != null
                && !expires.isAfter(Instant.now().plus(maxLifetime)));
    }

    @Bean
    public OAuth2TokenValidator<Jwt> plainSubject() {
        return new JwtClaimValidator<String>(JwtClaimNames.SUB, subject -> subject != null && PLAIN_SUBJECT.matcher(subject).matches());
    }

    @Bean
    @ConditionalOnProperty("ledger.security.jwt.issuer")
    public OAuth2TokenValidator<Jwt> issuerValidator(@Value("${ledger.security.jwt.issuer}") String issuer) {
        return new JwtIssuerValidator(issuer);
    }
}
