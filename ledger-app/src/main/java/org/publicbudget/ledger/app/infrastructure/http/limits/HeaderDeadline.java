package org.publicbudget.ledger.app.infrastructure.http.limits;

import java.time.Duration;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.web.embedded.tomcat.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.stereotype.Component;

/**
 * A request's line and headers must be in within {@code ledger.http.header-deadline}
 * (20 s by default) of its first byte, or the connection is closed. Tomcat's own
 * timeout counts from the last byte received, so a client sending a header a byte a
 * second kept its connection for hours ({@link DeadlinedHttpProtocol}).
 */
@Component
class HeaderDeadline implements WebServerFactoryCustomizer<TomcatServletWebServerFactory> {

    private final Duration deadline;

    HeaderDeadline(@Value("${ledger.http.header-deadline:20s}") Duration deadline) {
        this.deadline = deadline;
    }

    @Override
    public void customize(TomcatServletWebServerFactory factory) {
        factory.setProtocol(DeadlinedHttpProtocol.class.getName());
        factory.addConnectorCustomizers(connector -> {
            if (connector.getProtocolHandler() instanceof DeadlinedHttpProtocol protocol) {
                protocol.setHeaderDeadline(deadline);
            }
        });
    }
}
