package org.publicbudget.ledger.app.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.util.Locale;
import java.util.Set;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * A write that a browser sends from another site is refused (403) before its credentials
 * are looked at: a page elsewhere could otherwise post to the ledger with the Basic
 * credentials the browser has cached for it (a {@code text/plain} POST needs no CORS
 * preflight). The browser says where a request comes from: {@code Sec-Fetch-Site}
 * (anything but {@code same-origin}, or {@code none} for one the user typed) and
 * {@code Origin} (another host or port than the one the request was sent to, or
 * {@code null}). Finance systems and the command line send neither header and are not
 * affected; reads are not refused, since the browser keeps their answers from the other
 * site's script.
 */
final class CrossSiteWrites extends OncePerRequestFilter {

    private static final Set<String> READS = Set.of("GET", "HEAD", "OPTIONS");
    private static final Set<String> OWN_SITE = Set.of("same-origin", "none");

    interface Refusal {
        void refuse(HttpServletResponse response, String field, String detail) throws IOException;
    }

    private final Refusal refusal;

    CrossSiteWrites(Refusal refusal) {
        this.refusal = refusal;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (!READS.contains(request.getMethod().toUpperCase(Locale.ROOT))) {
            String site = request.getHeader("Sec-Fetch-Site");
            if (site != null && !OWN_SITE.contains(site.strip().toLowerCase(Locale.ROOT))) {
                refusal.refuse(response, "Sec-Fetch-Site", "a write from another site (Sec-Fetch-Site: " + printable(site)
                        + ") is refused: send it from the ledger's own page or from a system, not from a page elsewhere");
                return;
            }
            String origin = request.getHeader("Origin");
            if (origin != null && !sameOrigin(origin, request)) {
                refusal.refuse(response, "Origin", "a write from another origin (" + printable(origin)
                        + ") is refused: send it from the ledger's own page or from a system, not from a page elsewhere");
                return;
            }
        }
        chain.doFilter(request, response);
    }

    /**
     * The Origin names the host (and port) the request was sent to. The scheme is not
     * compared: behind a proxy that ends TLS the ledger sees http where the page is https.
     */
    private static boolean sameOrigin(String origin, HttpServletRequest request) {
        String host = request.getHeader("Host");
        try {
            URI uri = URI.create(origin.strip());
            if (uri.getHost() == null || host == null) {
                return false;
            }
            String authority = uri.getHost() + (uri.getPort() == -1 ? "" : ":" + uri.getPort());
            return withoutDefaultPort(authority).equalsIgnoreCase(withoutDefaultPort(host.strip()));
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static String withoutDefaultPort(String authority) {
        return authority.endsWith(":80") || authority.endsWith(":443") ? authority.substring(0, authority.lastIndexOf(':')) : authority;
    }

    /** A header echoed in the answer: only its printable ASCII, and not much of it. */
    private static String printable(String value) {
        String plain = value.replaceAll("[^\\x20-\\x7E]", "?");
        return plain.length() > 100 ? plain.substring(0, 100) + "…" : plain;
    }
}
