package org.publicbudget.ledger.app.infrastructure.http.limits;

import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.apache.coyote.AbstractProcessor;
import org.apache.coyote.Constants;
import org.apache.coyote.http11.Http11NioProtocol;
import org.apache.tomcat.util.net.SocketWrapperBase;

/**
 * Tomcat's HTTP/1.1 connector, with one addition: once a second it closes every
 * connection whose request began arriving longer ago than the deadline and is still in
 * its line or headers. Public, because Tomcat makes it by its class name.
 */
public class DeadlinedHttpProtocol extends Http11NioProtocol {

    private Duration headerDeadline = Duration.ofSeconds(20);
    private ScheduledFuture<?> sweeping;

    void setHeaderDeadline(Duration headerDeadline) {
        this.headerDeadline = headerDeadline;
    }

    @Override
    public void start() throws Exception {
        super.start();
        sweeping = getUtilityExecutor().scheduleWithFixedDelay(this::closeLateHeaders, 1, 1, TimeUnit.SECONDS);
    }

    @Override
    public void stop() throws Exception {
        if (sweeping != null) {
            sweeping.cancel(false);
        }
        super.stop();
    }

    private void closeLateHeaders() {
        long startedBefore = System.currentTimeMillis() - headerDeadline.toMillis();
        for (SocketWrapperBase<?> connection : getEndpoint().getConnections()) {
            // a connection between requests has no processor, and one being served is in a later stage; a request
            // still waiting for the rest of its headers keeps its processor, its stage PARSE or (between reads) ENDED.
            // An answer still being written after its servlet returned (the event feed's stream) is ENDED too, but async.
            if (connection.getCurrentProcessor() instanceof AbstractProcessor processor && !processor.isAsync()) {
                org.apache.coyote.Request request = processor.getRequest();
                int stage = request.getRequestProcessor().getStage();
                long started = request.getStartTime();
                if ((stage == Constants.STAGE_PARSE || stage == Constants.STAGE_ENDED) && started > 0 && started < startedBefore) {
                    connection.close();
                }
            }
        }
    }
}
