package org.publicbudget.ledger.app.infrastructure.http.limits;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.coyote.ActionCode;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.util.OnCommittedResponseWrapper;

/**
 * What becomes of the part of a body the application did not read, settled just before
 * the answer is committed (so that a closing connection is announced in its headers
 * and no client sends its next request down a connection about to close):
 * <ul>
 * <li>a signed-in client's rest is read and thrown away, still held to the endpoint's
 * size and rate, and the connection is kept (or closed, if the rest breaks them) —
 * unless its role may not do what it sent (403) or its account has too many bodies
 * arriving (429), both decided before a byte was read;</li>
 * <li>anyone else's — no credentials, wrong ones, a body beyond the limit — is not read
 * at all: the answer says {@code Connection: close} and the connection closes. Reading
 * it would let an anonymous sender at a byte a second hold a thread as long as it
 * liked.</li>
 * </ul>
 */
final class UnreadBody {

    private final Request request;
    private final Response response;
    private final LimitedBody body;
    private boolean settled;

    UnreadBody(Request request, Response response, LimitedBody body) {
        this.request = request;
        this.response = response;
        this.body = body;
    }

    /** The response as the application sees it: just before it is committed, the rest of the body is settled. */
    HttpServletResponse watching(HttpServletResponse response) {
        return new OnCommittedResponseWrapper(response) {
            @Override
            protected void onResponseCommitted() {
                settle();
            }
        };
    }

    /** Reads the rest of the body and throws it away, or makes sure it is never read; once, at the latest after the application. */
    void settle() {
        if (settled) {
            return;
        }
        settled = true;
        if (fullyRead()) {
            return;
        }
        if (!signedIn() || refusedUnread() || body.refusal() != null || !drained()) {
            stopReading();
        }
    }

    private boolean drained() {
        byte[] discarded = new byte[8192];
        try {
            InputStream rest = body.getInputStream();
            while (rest.read(discarded) >= 0) {
                // thrown away
            }
            return true;
        } catch (IOException tooLargeOrTooSlow) {
            return false;
        }
    }

    private boolean fullyRead() {
        AtomicBoolean fullyRead = new AtomicBoolean(true);
        request.getCoyoteRequest().action(ActionCode.REQUEST_BODY_FULLY_READ, fullyRead);
        return fullyRead.get();
    }

    /**
     * A signed-in client whose role may not do this (403), or whose account has too many
     * bodies arriving already (429): its body will never be used, so it is not waited for either.
     */
    private boolean refusedUnread() {
        return response.getStatus() == HttpServletResponse.SC_FORBIDDEN || response.getStatus() == 429;
    }

    private static boolean signedIn() {
        Authentication user = SecurityContextHolder.getContext().getAuthentication();
        return user != null && user.isAuthenticated() && !(user instanceof AnonymousAuthenticationToken);
    }

    /**
     * The rest of the body is not read: the answer goes out with {@code Connection: close}
     * (unless it has gone already), and the connection closes.
     */
    void stopReading() {
        if (!response.isCommitted()) {
            response.setHeader("Connection", "close");
        }
        request.getCoyoteRequest().action(ActionCode.DISABLE_SWALLOW_INPUT, null);
    }
}
