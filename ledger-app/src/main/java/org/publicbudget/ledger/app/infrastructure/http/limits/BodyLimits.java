package org.publicbudget.ledger.app.infrastructure.http.limits;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.ServletException;
import java.io.IOException;
import java.time.Duration;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ValveBase;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.web.embedded.tomcat.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.util.unit.DataSize;

/**
 * Each request's body is held to limits before the application reads a byte of it,
 * in a valve in front of every filter, sign-in included:
 * <ul>
 * <li>a declared Content-Length above the endpoint's maximum is answered 413 at once;
 * a chunked body is counted as it is read and stopped at the same maximum;</li>
 * <li>once the grace period is over, a body must keep arriving at the minimum rate,
 * or reading stops with 408, so that a sender at a byte a second cannot hold one of
 * Tomcat's threads for long;</li>
 * <li>one client address may have at most {@code ledger.http.max-bodies-per-client}
 * requests receiving their bodies at once ({@link BodiesInFlight}); more are answered
 * 429 at once; so may one account, wherever it sends from ({@link BodiesPerAccount});</li>
 * <li>a body the application did not read to its end is read and thrown away only for
 * a signed-in client; anyone else's is not read at all, and the connection closes
 * ({@link UnreadBody}). Tomcat would otherwise drain it at the sender's pace — which
 * is how 210 slow anonymous senders, each refused 401 at once, held every thread.</li>
 * </ul>
 * Budget documents (/api/v1/imports) and batches of commands (/api/v1/batches) may be
 * larger than single commands; see the README's configuration table for the settings.
 */
@Component
class BodyLimits implements WebServerFactoryCustomizer<TomcatServletWebServerFactory> {

    record Limit(DataSize maximum, DataSize minimumRate, Duration grace) {
    }

    private final Limit commands;
    private final Limit documents;
    private final BodiesInFlight inFlight;
    private final ObjectMapper json;

    BodyLimits(@Value("${ledger.http.max-request-body:1MB}") DataSize commands,
            @Value("${ledger.http.max-document-body:20MB}") DataSize documents,
            @Value("${ledger.http.min-body-rate:16KB}") DataSize minimumRate,
            @Value("${ledger.http.body-grace:5s}") Duration grace,
            @Value("${ledger.http.max-bodies-per-client:32}") int bodiesPerClient, ObjectMapper json) {
        this.commands = new Limit(commands, minimumRate, grace);
        this.documents = new Limit(documents, minimumRate, grace);
        this.inFlight = new BodiesInFlight(bodiesPerClient);
        this.json = json;
    }

    @Override
    public void customize(TomcatServletWebServerFactory factory) {
        factory.addContextCustomizers(context -> context.getParent().getPipeline().addValve(new Guard()));
    }

    private Limit limitFor(String path) {
        return path.startsWith("/api/v1/imports") || path.startsWith("/api/v1/batches") ? documents : commands;
    }

    private final class Guard extends ValveBase {

        Guard() {
            super(true);
        }

        @Override
        public void invoke(Request request, Response response) throws IOException, ServletException {
            if (request.getContentLengthLong() <= 0 && request.getHeader("Transfer-Encoding") == null) {
                getNext().invoke(request, response);
                return;
            }
            if ("OPTIONS".equalsIgnoreCase(request.getMethod())) {
                // a body on OPTIONS means nothing (RFC 9110) and broke the answer further in: refused, unread
                new UnreadBody(request, response, null).stopReading();
                refuse(response, new RequestBodyRefused(HttpStatus.BAD_REQUEST, "an OPTIONS request carries no body; send it without one"));
                return;
            }
            Limit limit = limitFor(request.getRequestURI());
            String client = request.getRemoteAddr();
            LimitedBody body = new LimitedBody(request.getRequest(), limit, () -> inFlight.received(client));
            UnreadBody unread = new UnreadBody(request, response, body);
            if (request.getContentLengthLong() > limit.maximum().toBytes()) {
                unread.stopReading();
                refuse(response, new RequestBodyRefused(HttpStatus.PAYLOAD_TOO_LARGE, "the request body ("
                        + request.getContentLengthLong() + " bytes) is larger than the " + LimitedBody.shown(limit.maximum())
                        + " this endpoint takes"));
                return;
            }
            if (!inFlight.admit(client)) {
                unread.stopReading();
                response.setHeader("Retry-After", "1");
                refuse(response, new RequestBodyRefused(HttpStatus.TOO_MANY_REQUESTS, "more than " + inFlight.perClient()
                        + " requests from your address are still sending their bodies; send this one again when they are in"));
                return;
            }
            request.setRequest(body);
            response.setResponse(unread.watching(response.getResponse()));
            try {
                getNext().invoke(request, response);
            } finally {
                try {
                    unread.settle();
                } finally {
                    body.received();
                }
            }
        }

        private void refuse(Response response, RequestBodyRefused refusal) throws IOException {
            refusal.answer(response, json);
        }
    }
}
