package org.publicbudget.ledger.app.security;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;

/**
 * Every /api call is authenticated, and each role does one job: finance systems
 * write, auditors read, operators operate. The API is stateless (credentials on
 * every request, no session cookie), so CSRF protection has nothing to protect.
 * The operators' command line runs without a web server, and without this.
 */
@Configuration
@ConditionalOnWebApplication
public class SecurityConfiguration {

    @Bean
    public SecurityFilterChain api(HttpSecurity http, ObjectMapper json) throws Exception {
        AuthenticationEntryPoint signIn = (request, response, e) -> {
            response.setHeader("WWW-Authenticate", "Basic realm=\"budget-ledger\"");
            write(json, response, HttpStatus.UNAUTHORIZED, "sign in with a ledger account");
        };
        http
                .csrf(csrf -> csrf.disable())
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .authorizeHttpRequests(requests -> requests
                        .requestMatchers("/actuator/health", "/actuator/health/**", "/actuator/info", "/error").permitAll()
                        .requestMatchers("/api/v1/ops/**").hasRole(Roles.OPERATOR)
                        .requestMatchers(HttpMethod.GET, "/api/**").hasRole(Roles.AUDITOR)
                        .requestMatchers("/api/**").hasRole(Roles.LEDGER_WRITER)
                        .anyRequest().authenticated())
                .httpBasic(basic -> basic.authenticationEntryPoint(signIn))
                .exceptionHandling(errors -> errors.authenticationEntryPoint(signIn).accessDeniedHandler((request, response, e) ->
                        write(json, response, HttpStatus.FORBIDDEN, "your role may not do this")));
        return http.build();
    }

    private static void write(ObjectMapper json, HttpServletResponse response, HttpStatus status, String detail) throws IOException {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setTitle(status.getReasonPhrase());
        response.setStatus(status.value());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        json.writeValue(response.getOutputStream(), problem);
    }
}
