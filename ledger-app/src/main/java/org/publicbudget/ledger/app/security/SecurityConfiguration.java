package org.publicbudget.ledger.app.security;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.convert.converter.Converter;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.security.oauth2.server.resource.authentication.JwtGrantedAuthoritiesConverter;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.www.BasicAuthenticationFilter;
import org.springframework.security.web.firewall.RequestRejectedHandler;
import org.springframework.security.web.header.writers.DelegatingRequestMatcherHeaderWriter;
import org.springframework.security.web.header.writers.StaticHeadersWriter;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;

/**
 * Every /api call is authenticated, and each role does one job: finance systems
 * write, auditors read, operators operate. The API is stateless (credentials on
 * every request, no session cookie), so CSRF protection has nothing to protect.
 * The operators' command line runs without a web server, and without this.
 * Besides HTTP Basic, bearer tokens (JWT) are accepted once the deployment names its
 * identity provider ({@code spring.security.oauth2.resourceserver.jwt.*}).
 */
@Configuration
@ConditionalOnWebApplication
public class SecurityConfiguration {

    /**
     * Each request is observed once, by the server (http.server.requests, and its span);
     * wrapping each of the security filters in an observation of its own as well cost 8 % of
     * the CPU of a command (profiled, docs/measurements.md, "Speed") and told nothing more.
     * Sign-in failures and throttling have counters of their own (RememberedCredentials).
     */
    @Bean
    public SecurityObservationSettings noSecurityObservations() {
        return SecurityObservationSettings.noObservations();
    }

    /** A request the firewall refuses before any filter (a control byte in its path, say): 400 as problem+json, not a 500. */
    @Bean
    public RequestRejectedHandler requestRejected(ObjectMapper json) {
        return (request, response, e) -> write(json, response, HttpStatus.BAD_REQUEST,
                "the request holds a character that is not allowed in a header, path or parameter; send printable characters only");
    }

    @Bean
    public SecurityFilterChain api(HttpSecurity http, ObjectMapper json, ObjectProvider<JwtDecoder> jwt,
            @Value("${ledger.security.jwt.roles-claim:roles}") String rolesClaim) throws Exception {
        AuthenticationEntryPoint signIn = (request, response, e) -> {
            if (e instanceof SignInThrottled throttled) {
                response.setHeader("Retry-After", Long.toString(throttled.retryAfterSeconds()));
                write(json, response, HttpStatus.TOO_MANY_REQUESTS, throttled.getMessage() + "; try again in "
                        + throttled.retryAfterSeconds() + " s");
                return;
            }
            // the web page signs in with its own form; the browser's Basic dialog would get in its way
            if (request.getHeader("X-Requested-With") == null) {
                response.setHeader("WWW-Authenticate", "Basic realm=\"budget-ledger\"");
            }
            write(json, response, HttpStatus.UNAUTHORIZED, "sign in with a ledger account");
        };
        http
                .addFilterBefore(new CrossSiteWrites((response, field, detail) -> write(json, response, HttpStatus.FORBIDDEN, detail, field)),
                        BasicAuthenticationFilter.class)
                .headers(headers -> headers.addHeaderWriter(new DelegatingRequestMatcherHeaderWriter(
                        PathPatternRequestMatcher.withDefaults().matcher("/ui/**"),
                        new StaticHeadersWriter("Content-Security-Policy", WEB_PAGE_POLICY))))
                .csrf(csrf -> csrf.disable())
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .authorizeHttpRequests(requests -> requests
                        .requestMatchers("/actuator/health", "/actuator/health/**", "/actuator/info", "/error").permitAll()
                        .requestMatchers("/v3/api-docs", "/v3/api-docs/**", "/swagger-ui.html", "/swagger-ui/**").permitAll()
                        // the web page's files hold no data; everything it shows comes from /api with the user's account
                        .requestMatchers("/", "/ui", "/ui/**", "/favicon.ico").permitAll()
                        // an account that only scrapes can do nothing else
                        .requestMatchers("/actuator/prometheus").hasAnyRole(Roles.OPERATOR, Roles.METRICS)
                        // the index and any other endpoint: operators only (a scraper needs the metrics, not the list)
                        .requestMatchers("/actuator", "/actuator/**").hasRole(Roles.OPERATOR)
                        .requestMatchers("/api/v1/ops/**").hasRole(Roles.OPERATOR)
                        // reads in every form (HEAD tells existence, size and version as GET does), then
                        // writes by name; any other method is refused rather than left to a default
                        // the event feed: for the systems that follow the ledger, and for auditors
                        .requestMatchers(HttpMethod.GET, "/api/v1/events", "/api/v1/events/**").hasAnyRole(Roles.FEED, Roles.AUDITOR)
                        .requestMatchers(HttpMethod.GET, "/api/**").hasRole(Roles.AUDITOR)
                        .requestMatchers(HttpMethod.HEAD, "/api/**").hasRole(Roles.AUDITOR)
                        .requestMatchers(HttpMethod.OPTIONS, "/api/**").hasRole(Roles.AUDITOR)
                        .requestMatchers(HttpMethod.POST, "/api/**").hasRole(Roles.LEDGER_WRITER)
                        .requestMatchers(HttpMethod.PUT, "/api/**").hasRole(Roles.LEDGER_WRITER)
                        .requestMatchers(HttpMethod.DELETE, "/api/**").hasRole(Roles.LEDGER_WRITER)
                        .requestMatchers(HttpMethod.PATCH, "/api/**").hasRole(Roles.LEDGER_WRITER)
                        .requestMatchers("/api/**").denyAll()
                        .anyRequest().authenticated())
                .httpBasic(basic -> basic.authenticationEntryPoint(signIn))
                .exceptionHandling(errors -> errors.authenticationEntryPoint(signIn).accessDeniedHandler((request, response, e) ->
                        write(json, response, HttpStatus.FORBIDDEN, "your role may not do this")));
        if (jwt.getIfAvailable() != null) {
            http.oauth2ResourceServer(bearer -> bearer.authenticationEntryPoint(signIn)
                    .jwt(token -> token.jwtAuthenticationConverter(rolesFrom(rolesClaim))));
        }
        return http.build();
    }

    /**
     * A bearer token's roles come from one claim (by default {@code roles}), with the
     * same names as for accounts: LEDGER_WRITER, AUDITOR, OPERATOR. The token's subject,
     * prefixed {@value #TOKEN_SUBJECT}, becomes the actor recorded on every event and the
     * owner of its idempotency keys: a token whose subject is {@code finance} is not the
     * account {@code finance} (account names may not start with the prefix).
     */
    private static Converter<Jwt, AbstractAuthenticationToken> rolesFrom(String claim) {
        JwtGrantedAuthoritiesConverter roles = new JwtGrantedAuthoritiesConverter();
        roles.setAuthoritiesClaimName(claim);
        roles.setAuthorityPrefix("ROLE_");
        return jwt -> new JwtAuthenticationToken(jwt, roles.convert(jwt), TOKEN_SUBJECT + jwt.getSubject());
    }

    static final String TOKEN_SUBJECT = "token:";

    /**
     * The web page runs only its own script and style files and talks only to this
     * ledger: an injected name or target could not run script even if the page's
     * escaping failed. (Swagger UI needs inline script and is left out.)
     */
    static final String WEB_PAGE_POLICY = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
            + "connect-src 'self'; font-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

    private static void write(ObjectMapper json, HttpServletResponse response, HttpStatus status, String detail) throws IOException {
        write(json, response, status, detail, null);
    }

    private static void write(ObjectMapper json, HttpServletResponse response, HttpStatus status, String detail, String field)
            throws IOException {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setTitle(status.getReasonPhrase());
        if (field != null) {
            problem.setProperty("field", field);
        }
        response.setStatus(status.value());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        json.writeValue(response.getOutputStream(), problem);
    }
}
