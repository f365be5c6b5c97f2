package org.publicbudget.ledger.app.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.springframework.boot.convert.ApplicationConversionService;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jwt.Jwt;

/**
 * Tokens on with only a key source configured — no issuer setting: audience, expiry
 * within the longest lifetime and a plain subject are still required, and without an
 * audience the ledger does not start.
 */
class TokenIssuerTest {

    private static final String KEYS = "spring.security.oauth2.resourceserver.jwt.public-key-location=classpath:none.pem";
    private final ApplicationContextRunner context = new ApplicationContextRunner().withUserConfiguration(TokenIssuer.class)
            .withInitializer(started -> started.getBeanFactory().setConversionService(ApplicationConversionService.getSharedInstance()));

    private static Jwt token(Consumer<Jwt.Builder> claims) {
        Jwt.Builder token = Jwt.withTokenValue("t").header("alg", "RS256").subject("treasury-system").audience(List.of("budget-ledger"))
                .issuedAt(Instant.now()).expiresAt(Instant.now().plusSeconds(300));
        claims.accept(token);
        return token.build();
    }

    @Test
    void withoutAnAudienceTheLedgerDoesNotStart() {
        context.withPropertyValues(KEYS).run(started -> assertThat(started).hasFailed().getFailure()
                .rootCause().hasMessageContaining("ledger.security.jwt.audience"));
    }

    @Test
    void withoutAnIssuerSettingAudienceExpiryAndAPlainSubjectAreRequired() {
        context.withPropertyValues(KEYS, "ledger.security.jwt.audience=budget-ledger").run(started -> {
            @SuppressWarnings("unchecked")
            OAuth2TokenValidator<Jwt> validators = new DelegatingOAuth2TokenValidator<>(started.getBeansOfType(OAuth2TokenValidator.class)
                    .values().stream().map(v -> (OAuth2TokenValidator<Jwt>) v).toList());
            assertThat(validators.validate(token(t -> { })).hasErrors()).as("a good token").isFalse();
            assertThat(validators.validate(token(t -> t.audience(List.of("payroll")))).hasErrors()).as("another system's").isTrue();
            assertThat(validators.validate(token(t -> t.claims(c -> c.remove("exp")))).hasErrors()).as("no expiry").isTrue();
            assertThat(validators.validate(token(t -> t.expiresAt(Instant.now().plusSeconds(13 * 3600)))).hasErrors())
                    .as("longer than 12 hours").isTrue();
            assertThat(validators.validate(token(t -> t.claims(c -> c.remove("sub")))).hasErrors()).as("no subject").isTrue();
            for (String subject : new String[] {"", " ", "treasury\nsystem", "treasury\u202Esystem", " treasury", "x".repeat(201)}) {
                assertThat(validators.validate(token(t -> t.subject(subject))).hasErrors()).as("subject [%s]", subject).isTrue();
            }
            assertThat(validators.validate(token(t -> t.subject("财政局 预算科"))).hasErrors()).as("a plain name").isFalse();
        });
    }
}
