package org.publicbudget.ledger.app.infrastructure.http.limits;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.http.HttpStatus;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * One account may have at most {@code ledger.http.max-bodies-per-account} requests
 * receiving their bodies at once, from however many addresses: an account's slow
 * senders spread over seven addresses held as many threads as seven times the
 * per-address limit. Decided after sign-in and the role check, before a byte of the
 * body is read; a request past the limit is answered 429 and its body never read.
 */
@Component
class BodiesPerAccount extends FilterRegistrationBean<OncePerRequestFilter> {

    BodiesPerAccount(@Value("${ledger.http.max-bodies-per-account:32}") int perAccount, ObjectMapper json) {
        BodiesInFlight inFlight = new BodiesInFlight(perAccount);
        setFilter(new OncePerRequestFilter() {
            @Override
            protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                    throws ServletException, IOException {
                String account = signedIn();
                if (account != null && request.getAttribute(LimitedBody.ATTRIBUTE) instanceof LimitedBody body && !body.isReceived()) {
                    if (!inFlight.admit(account)) {
                        response.setHeader("Retry-After", "1");
                        new RequestBodyRefused(HttpStatus.TOO_MANY_REQUESTS, "more than " + perAccount + " requests of your account "
                                + "are still sending their bodies; send this one again when they are in").answer(response, json);
                        return;
                    }
                    body.whenReceived(() -> inFlight.received(account));
                }
                chain.doFilter(request, response);
            }
        });
        // after Spring Security's filters (-100): the account is known, and a role's refusal has been sent
        setOrder(0);
    }

    private static String signedIn() {
        Authentication user = SecurityContextHolder.getContext().getAuthentication();
        return user == null || !user.isAuthenticated() || user instanceof AnonymousAuthenticationToken ? null : user.getName();
    }
}
