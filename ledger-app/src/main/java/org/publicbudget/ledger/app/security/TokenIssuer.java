package org.publicbudget.ledger.app.security;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimNames;
import org.springframework.security.oauth2.jwt.JwtClaimValidator;
import org.springframework.security.oauth2.jwt.JwtIssuerValidator;

/**
 * Which tokens are accepted: those of the configured issuer ({@code ledger.security.jwt.issuer}),
 * meant for this ledger ({@code ledger.security.jwt.audience}, required: a token the same
 * identity provider issued for another system must not open this one), and with an expiry
 * (a token without {@code exp} would be valid for ever). Set beside a key source
 * ({@code jwk-set-uri} or {@code public-key-location}), it needs no discovery call to the
 * identity provider at startup, unlike {@code issuer-uri}.
 */
@Configuration
@ConditionalOnProperty("ledger.security.jwt.issuer")
public class TokenIssuer {

    @Bean
    public OAuth2TokenValidator<Jwt> issuerValidator(@Value("${ledger.security.jwt.issuer}") String issuer) {
        return new JwtIssuerValidator(issuer);
    }

    @Bean
    public OAuth2TokenValidator<Jwt> audienceValidator(@Value("${ledger.security.jwt.audience}") String audience) {
        return new JwtClaimValidator<List<String>>(JwtClaimNames.AUD, given -> given != null && given.contains(audience));
    }

    @Bean
    public OAuth2TokenValidator<Jwt> expiryRequired() {
        return new JwtClaimValidator<Instant>(JwtClaimNames.EXP, Objects::nonNull);
    }
}
