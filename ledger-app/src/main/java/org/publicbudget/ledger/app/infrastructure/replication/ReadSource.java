package org.publicbudget.ledger.app.infrastructure.replication;

import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Which database the reads of the request on this thread go to: the standby when
 * {@link ReadRouting} sent it there, the primary otherwise (every thread that is not an
 * auditor's read: commands, processors, jobs). The answer says which in
 * {@value #HEADER}, also when a wait on the standby ran out and the request went on
 * against the primary.
 */
public final class ReadSource {

    public static final String HEADER = "Ledger-Read-From";
    public static final String LAG_HEADER = "Ledger-Replica-Lag";
    public static final String POSITION_HEADER = "Ledger-Replica-Position";

    static final String PRIMARY = "primary";
    static final String REPLICA = "replica";

    private static final ThreadLocal<Route> CURRENT = new ThreadLocal<>();

    /**
     * The request's answer, which learns where it was read from when it starts to be
     * written: until then a wait that ran out on the standby can still send it to the
     * primary, and the standby's lag must then not be claimed for it (a header once set
     * cannot be taken back).
     */
    static final class Route extends HttpServletResponseWrapper {
        private boolean replica;
        private final Map<String, String> replicaHeaders;
        private boolean written;

        private Route(boolean replica, HttpServletResponse response, Map<String, String> replicaHeaders) {
            super(response);
            this.replica = replica;
            this.replicaHeaders = replicaHeaders;
        }

        void writeHeaders() {
            if (!written && !isCommitted()) {
                written = true;
                setHeader(HEADER, replica ? REPLICA : PRIMARY);
                if (replica) {
                    replicaHeaders.forEach(this::setHeader);
                }
            }
        }

        @Override
        public ServletOutputStream getOutputStream() throws IOException {
            writeHeaders();
            return super.getOutputStream();
        }

        @Override
        public PrintWriter getWriter() throws IOException {
            writeHeaders();
            return super.getWriter();
        }

        @Override
        public void flushBuffer() throws IOException {
            writeHeaders();
            super.flushBuffer();
        }

        @Override
        public void sendError(int status, String message) throws IOException {
            writeHeaders();
            super.sendError(status, message);
        }

        @Override
        public void sendError(int status) throws IOException {
            writeHeaders();
            super.sendError(status);
        }
    }

    private ReadSource() {
    }

    /** Marks this thread's reads; the answer to write through is returned. {@code replicaHeaders} go out only if the standby answers. */
    static Route begin(boolean replica, HttpServletResponse response, Map<String, String> replicaHeaders) {
        Route route = new Route(replica, response, replicaHeaders);
        CURRENT.set(route);
        return route;
    }

    static void end() {
        Route route = CURRENT.get();
        CURRENT.remove();
        if (route != null) {
            route.writeHeaders();
        }
    }

    /** True while this thread's reads go to the standby. */
    public static boolean onReplica() {
        Route route = CURRENT.get();
        return route != null && route.replica;
    }

    /** From now on this request reads from the primary, and its answer says so. */
    public static void switchToPrimary() {
        Route route = CURRENT.get();
        if (route != null && route.replica) {
            route.replica = false;
        }
    }

    /** One read from the primary (what the store holds there), the request's reads staying where they were. */
    public static <T> T fromPrimary(Supplier<T> read) {
        Route route = CURRENT.get();
        if (route == null || !route.replica) {
            return read.get();
        }
        route.replica = false;
        try {
            return read.get();
        } finally {
            route.replica = true;
        }
    }

    static String lookupKey() {
        return onReplica() ? REPLICA : PRIMARY;
    }
}
