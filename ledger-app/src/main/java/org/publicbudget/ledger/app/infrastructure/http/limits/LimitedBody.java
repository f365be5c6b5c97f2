package org.publicbudget.ledger.app.infrastructure.http.limits;

import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.SocketTimeoutException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.util.unit.DataSize;

/**
 * The request as the application sees it, its body counted as it is read: past the
 * endpoint's limit, or slower than the minimum rate once the grace period is over,
 * reading stops with {@link RequestBodyRefused}. A body without a Content-Length
 * (chunked) is held to the same limit as one that declares it.
 */
final class LimitedBody extends HttpServletRequestWrapper {

    /** The request attribute that holds the body still arriving, for limits decided after sign-in ({@link BodiesPerAccount}). */
    static final String ATTRIBUTE = LimitedBody.class.getName();

    private final BodyLimits.Limit limit;
    private final List<Runnable> whenReceived = new ArrayList<>();
    private boolean received;
    private ServletInputStream counted;
    private RequestBodyRefused refusal;

    /** {@code whenReceived} runs once, when the body has been read to its end, refused, or left. */
    LimitedBody(HttpServletRequest request, BodyLimits.Limit limit, Runnable whenReceived) {
        super(request);
        this.limit = limit;
        this.whenReceived.add(whenReceived);
        request.setAttribute(ATTRIBUTE, this);
    }

    void received() {
        if (!received) {
            received = true;
            whenReceived.forEach(Runnable::run);
        }
    }

    boolean isReceived() {
        return received;
    }

    /** Runs {@code then} when the body is in (or refused, or left): at once if it is already. */
    void whenReceived(Runnable then) {
        if (received) {
            then.run();
        } else {
            whenReceived.add(then);
        }
    }

    /** Why reading stopped, if it did. */
    RequestBodyRefused refusal() {
        return refusal;
    }

    @Override
    public ServletInputStream getInputStream() throws IOException {
        if (counted == null) {
            counted = new Counted(super.getInputStream());
        }
        return counted;
    }

    @Override
    public BufferedReader getReader() throws IOException {
        String encoding = getCharacterEncoding();
        Charset charset = encoding == null ? StandardCharsets.UTF_8 : Charset.forName(encoding);
        return new BufferedReader(new InputStreamReader(getInputStream(), charset));
    }

    private final class Counted extends ServletInputStream {

        private final ServletInputStream body;
        private final long started = System.nanoTime();
        private long read;

        Counted(ServletInputStream body) {
            this.body = body;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            if (refusal != null) {
                throw refusal;
            }
            int n;
            try {
                n = body.read(buffer, offset, length);
            } catch (IOException e) {
                // Tomcat reports a read that timed out as a client abort caused by the socket's timeout
                if (e instanceof SocketTimeoutException || e.getCause() instanceof SocketTimeoutException) {
                    throw refuse(HttpStatus.REQUEST_TIMEOUT, "the request body stopped arriving; send it again");
                }
                throw e;
            }
            // in as soon as its last byte is: a parser stops at the closing brace and never asks for the end
            if (n < 0 || body.isFinished()) {
                received();
            }
            if (n > 0) {
                read += n;
                if (read > limit.maximum().toBytes()) {
                    throw refuse(HttpStatus.PAYLOAD_TOO_LARGE, "the request body is larger than the " + shown(limit.maximum())
                            + " this endpoint takes");
                }
            }
            long elapsedNanos = System.nanoTime() - started - limit.grace().toNanos();
            if (n >= 0 && elapsedNanos > 0 && read < limit.minimumRate().toBytes() * elapsedNanos / 1_000_000_000L) {
                throw refuse(HttpStatus.REQUEST_TIMEOUT, "the request body arrived slower than " + shown(limit.minimumRate())
                        + " a second; send it again on a faster connection");
            }
            return n;
        }

        private RequestBodyRefused refuse(HttpStatus status, String reason) {
            refusal = new RequestBodyRefused(status, reason);
            // a parser may lose the cause on the way (a string cut short is "the wrong type"): the request keeps it
            setAttribute(RequestBodyRefused.ATTRIBUTE, refusal);
            received();
            return refusal;
        }

        @Override
        public boolean isFinished() {
            return body.isFinished();
        }

        @Override
        public boolean isReady() {
            return body.isReady();
        }

        @Override
        public void setReadListener(ReadListener listener) {
            throw new UnsupportedOperationException("the ledger reads request bodies synchronously");
        }
    }

    static String shown(DataSize size) {
        long bytes = size.toBytes();
        if (bytes >= 1 << 20 && bytes % (1 << 20) == 0) {
            return size.toMegabytes() + " MB";
        }
        return bytes % 1024 == 0 ? size.toKilobytes() + " KB" : bytes + " bytes";
    }
}
