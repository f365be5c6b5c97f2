package org.publicbudget.ledger.app.feed;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.AsyncContext;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;
import org.publicbudget.ledger.app.infrastructure.database.LedgerSignals;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The live feeds: each on a thread of its own that reads a page, writes it and waits
 * for the next commit (here or, by LISTEN/NOTIFY, on another node) or a heartbeat. It
 * writes straight to the connection and waits while the client is slow: what a slow or
 * vanished client costs is the socket's buffer and one page, never a queue that grows
 * (a client that stops reading is dropped when the write times out). At most
 * {@code ledger.feed.max-streams-per-account} (4) streams per account and
 * {@code ledger.feed.max-streams} (64) in all.
 */
@Component
class FeedStreams implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(FeedStreams.class);
    static final int PAGE = 500;

    private final EventFeed feed;
    private final LedgerSignals signals;
    private final ObjectMapper json;
    private final Duration heartbeat;
    private final int perAccount;
    private final Semaphore all;
    private final Map<String, AtomicInteger> open = new ConcurrentHashMap<>();
    private final ExecutorService threads = Executors.newCachedThreadPool(runnable -> {
        Thread thread = new Thread(runnable, "event-feed");
        thread.setDaemon(true);
        return thread;
    });

    FeedStreams(EventFeed feed, LedgerSignals signals, ObjectMapper json, @Value("${ledger.feed.heartbeat:PT15S}") Duration heartbeat,
            @Value("${ledger.feed.max-streams-per-account:4}") int perAccount, @Value("${ledger.feed.max-streams:64}") int total) {
        this.feed = feed;
        this.signals = signals;
        this.json = json;
        this.heartbeat = heartbeat;
        this.perAccount = perAccount;
        this.all = new Semaphore(total);
    }

    void open(String account, long after, FeedFilter filter, HttpServletRequest request, HttpServletResponse response) throws IOException {
        AtomicInteger mine = open.computeIfAbsent(account, a -> new AtomicInteger());
        if (mine.incrementAndGet() > perAccount || !all.tryAcquire()) {
            mine.decrementAndGet();
            throw new TooManyStreams(perAccount);
        }
        response.setContentType("text/event-stream");
        response.setCharacterEncoding("UTF-8");
        response.setHeader("Cache-Control", "no-store");
        // a proxy in front (nginx) passes each event on at once rather than gathering them
        response.setHeader("X-Accel-Buffering", "no");
        AsyncContext async = request.startAsync(request, response);
        async.setTimeout(0);
        ServletOutputStream out = response.getOutputStream();
        out.write(":\n\n".getBytes(StandardCharsets.UTF_8));
        out.flush();
        threads.submit(() -> {
            try {
                follow(after, filter, out);
            } catch (IOException | RuntimeException e) {
                log.debug("A stream of the feed ended: {}", e.getMessage());
            } finally {
                mine.decrementAndGet();
                all.release();
                try {
                    async.complete();
                } catch (IllegalStateException e) {
                    // the container completed it already (the client went away)
                }
            }
        });
    }

    private void follow(long after, FeedFilter filter, ServletOutputStream out) throws IOException {
        Object wake = new Object();
        boolean[] woken = {false};
        AutoCloseable listening = signals.onEvents(() -> {
            synchronized (wake) {
                woken[0] = true;
                wake.notifyAll();
            }
        });
        try {
            long cursor = after;
            long lastWrite = System.nanoTime();
            while (!Thread.currentThread().isInterrupted()) {
                FeedPage page = feed.page(cursor, PAGE, filter);
                if (!page.events().isEmpty()) {
                    StringBuilder events = new StringBuilder();
                    for (FeedEvent event : page.events()) {
                        events.append("id: ").append(event.position()).append('\n').append("data: ")
                                .append(json.writeValueAsString(event)).append("\n\n");
                    }
                    out.write(events.toString().getBytes(StandardCharsets.UTF_8));
                    out.flush();
                    lastWrite = System.nanoTime();
                }
                cursor = page.next();
                if (page.events().size() == PAGE) {
                    continue;
                }
                if (System.nanoTime() - lastWrite >= heartbeat.toNanos()) {
                    out.write(": heartbeat\n\n".getBytes(StandardCharsets.UTF_8));
                    out.flush();
                    lastWrite = System.nanoTime();
                }
                synchronized (wake) {
                    // woken by a commit; a look every second covers a notification lost between nodes
                    if (!woken[0]) {
                        wake.wait(Math.min(1_000, heartbeat.toMillis()));
                    }
                    woken[0] = false;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            try {
                listening.close();
            } catch (Exception e) {
                // removing a listener from a list does not fail
            }
        }
    }

    @Override
    public void destroy() {
        threads.shutdownNow();
    }
}
