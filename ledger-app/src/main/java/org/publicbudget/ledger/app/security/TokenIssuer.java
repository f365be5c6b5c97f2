package org.publicbudget.ledger.app.security;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtIssuerValidator;

/**
 * Only tokens of the configured issuer are accepted ({@code ledger.security.jwt.issuer}).
 * Set beside a key source ({@code jwk-set-uri} or {@code public-key-location}), it needs
 * no discovery call to the identity provider at startup, unlike {@code issuer-uri}.
 */
@Configuration
@ConditionalOnProperty("ledger.security.jwt.issuer")
public class TokenIssuer {

    @Bean
    public OAuth2TokenValidator<Jwt> issuerValidator(@Value("${ledger.security.jwt.issuer}") String issuer) {
        return new JwtIssuerValidator(issuer);
    }
}
