package org.publicbudget.ledger.app.benchmark;

import static org.publicbudget.ledger.app.support.TestDeployment.AUDITOR;
import static org.publicbudget.ledger.app.support.TestDeployment.OPERATOR;
import static org.publicbudget.ledger.app.support.TestDeployment.PASSWORDS;
import static org.publicbudget.ledger.app.support.TestDeployment.WRITER;

import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.publicbudget.ledger.app.support.LedgerProcess;
import org.publicbudget.ledger.app.support.RawHttp;
import org.publicbudget.ledger.app.support.TestPostgres;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;

/**
 * A hostile network's attacks on the packaged jar, each from outside its JVM: slow
 * request bodies, huge bodies, and a flood of wrong passwords. For each it prints how
 * an auditor's ordinary read fares meanwhile, the node's resident memory, and how many
 * passwords the attacker got checked. The node runs as the container image runs it
 * (heap a share of the machine's memory, bcrypt hashes of cost 10).
 *
 * <pre>./mvnw -pl ledger-app -am -Pbenchmark verify -Dtest=HostileNetworkBenchmark</pre>
 * With {@code -Dledger.process.jar=…} it measures another build the same way (before and after a change).
 */
class HostileNetworkBenchmark {

    private static final String READ = "/api/v1/departments";
    private static final String OPERATOR_READ = "/api/v1/ops/stats";
    private static final String OWNER = "treasurer";
    private static final String OWNER_PASSWORD = "treasurer-own-secret";
    private static final String OWNER_ADDRESS = "127.0.0.3";
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final List<String> report = new ArrayList<>();

    @Test
    void attacks() throws Exception {
        BCryptPasswordEncoder bcrypt = new BCryptPasswordEncoder(10);
        LedgerProcess node = new LedgerProcess(TestPostgres.freshSchema(), "hostile").heap("-XX:MaxRAMPercentage=75").with(Map.of(
                "LEDGER_SECURITY_USERS_0_PASSWORD", "{bcrypt}" + bcrypt.encode(PASSWORDS.get(WRITER)),
                "LEDGER_SECURITY_USERS_1_PASSWORD", "{bcrypt}" + bcrypt.encode(PASSWORDS.get(AUDITOR)),
                "LEDGER_SECURITY_USERS_2_PASSWORD", "{bcrypt}" + bcrypt.encode(PASSWORDS.get(OPERATOR)),
                "LEDGER_SECURITY_USERS_3_NAME", OWNER, "LEDGER_SECURITY_USERS_3_ROLES", "LEDGER_WRITER",
                "LEDGER_SECURITY_USERS_3_PASSWORD", "{bcrypt}" + bcrypt.encode(OWNER_PASSWORD)));
        node.start();
        try {
            line("| attack | normal reads meanwhile: p50 / p99 ms, failed of all | more |");
            line("|---|---|---|");
            long ownerSignedIn = System.nanoTime();
            int first = RawHttp.status(RawHttp.exchange(node.port(), OWNER_ADDRESS, "GET " + READ + " HTTP/1.1\r\n"
                    + RawHttp.basic(OWNER, OWNER_PASSWORD)));
            Reads quiet = new Reads(node.port()).during(Duration.ofSeconds(10), () -> { });
            line("| none | " + quiet + " | the owner's first sign-in: " + first + " |");
            slowBodies(node, null, 10_000_000, 1);
            slowBodies(node, RawHttp.basic(WRITER, PASSWORDS.get(WRITER)), 10_000_000, 1);
            slowBodies(node, RawHttp.basic(WRITER, PASSWORDS.get(WRITER)), 500_000, 1);
            slowBodies(node, RawHttp.basic(WRITER, PASSWORDS.get(WRITER)), 10_000_000, 7);
            slowBodies(node, RawHttp.basic(AUDITOR, PASSWORDS.get(AUDITOR)), 10_000_000, 7);
            hugeBodies(node);
            wrongPasswords(node);
            signInFlood(node, ownerSignedIn);
        } finally {
            node.stop();
        }
        Files.write(Path.of("target", "hostile-network.md"), report);
    }

    /**
     * 210 connections from {@code addresses} client addresses, each declaring a body of
     * {@code length} bytes and sending it at one byte a second without reading any answer,
     * reconnecting whenever the ledger closes the connection.
     */
    private void slowBodies(LedgerProcess node, String credentials, int length, int addresses) throws Exception {
        AtomicBoolean attacking = new AtomicBoolean(true);
        AtomicInteger connections = new AtomicInteger();
        ExecutorService attackers = Executors.newFixedThreadPool(210);
        for (int i = 0; i < 210; i++) {
            String from = addresses == 1 ? null : "127.0.0." + (10 + i % addresses);
            attackers.submit(() -> {
                while (attacking.get()) {
                    try (Socket socket = RawHttp.connect(node.port(), from)) {
                        connections.incrementAndGet();
                        OutputStream out = socket.getOutputStream();
                        out.write(("POST /api/v1/projects HTTP/1.1\r\nHost: ledger\r\nContent-Type: application/json\r\nContent-Length: " + length + "\r\n"
                                + (credentials == null ? "" : credentials + "\r\n") + "\r\n").getBytes(StandardCharsets.UTF_8));
                        while (attacking.get()) {
                            out.write('{');
                            out.flush();
                            Thread.sleep(1000);
                        }
                    } catch (IOException e) {
                        // closed by the ledger: connect again
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            });
        }
        Thread.sleep(2_000);
        Reads reads = new Reads(node.port()).during(Duration.ofSeconds(30), () -> { });
        attacking.set(false);
        attackers.shutdownNow();
        attackers.awaitTermination(30, TimeUnit.SECONDS);
        String login = credentials == null ? "no login" : credentials.contains(basic(AUDITOR)) ? "an auditor's login" : "a writer's login";
        line("| 210 slow " + (length / 1000) + " kB bodies from " + addresses + (addresses == 1 ? " address, " : " addresses, ") + login
                + " | " + reads + " | " + connections.get() + " attacking connections opened in 32 s |");
    }

    /** Four 200 MB bodies with a Content-Length and one 512 MB chunked, to a dry-run import, all at once. */
    private void hugeBodies(LedgerProcess node) throws Exception {
        String head = "POST /api/v1/imports?fiscalYear=2099&documentName=huge.txt&dryRun=true HTTP/1.1\r\n"
                + "Content-Type: text/plain; charset=UTF-8\r\n" + RawHttp.basic(WRITER, PASSWORDS.get(WRITER));
        long before = residentMiB(node.pid());
        AtomicLong peak = new AtomicLong(before);
        ExecutorService senders = Executors.newFixedThreadPool(6);
        Future<?> sampler = senders.submit(() -> {
            while (!Thread.currentThread().isInterrupted()) {
                peak.accumulateAndGet(residentMiB(node.pid()), Math::max);
                try {
                    Thread.sleep(100);
                } catch (InterruptedException e) {
                    return;
                }
            }
        });
        List<Future<Integer>> uploads = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            uploads.add(senders.submit(() -> RawHttp.upload(node.port(), head, 200L << 20, false)));
        }
        uploads.add(senders.submit(() -> RawHttp.upload(node.port(), head, 512L << 20, true)));
        List<Integer> statuses = new ArrayList<>();
        Reads reads = new Reads(node.port()).during(Duration.ofSeconds(1), () -> {
            for (Future<Integer> upload : uploads) {
                statuses.add(upload.get(10, TimeUnit.MINUTES));
            }
        });
        sampler.cancel(true);
        senders.shutdownNow();
        line("| 4 × 200 MB + 1 × 512 MB chunked to a dry-run import | " + reads + " | statuses " + statuses
                + "; resident memory " + before + " → peak " + peak.get() + " MiB |");
    }

    /**
     * 16 threads sending wrong passwords for one account for 20 s; meanwhile the auditor
     * reads. Then how long a first sign-in to the attacked account takes to succeed from
     * another address.
     */
    private void wrongPasswords(LedgerProcess node) throws Exception {
        AtomicBoolean attacking = new AtomicBoolean(true);
        Map<Integer, AtomicInteger> answers = new ConcurrentHashMap<>();
        ExecutorService attackers = Executors.newFixedThreadPool(16);
        AtomicInteger guess = new AtomicInteger();
        for (int i = 0; i < 16; i++) {
            attackers.submit(() -> {
                while (attacking.get()) {
                    String answer = RawHttp.exchange(node.port(), null,
                            "GET " + OPERATOR_READ + " HTTP/1.1\r\n" + RawHttp.basic(OPERATOR, "guess-" + guess.incrementAndGet()));
                    answers.computeIfAbsent(RawHttp.status(answer), s -> new AtomicInteger()).incrementAndGet();
                }
            });
        }
        Duration flood = Duration.ofSeconds(20);
        Reads reads = new Reads(node.port()).during(flood, () -> { });
        attacking.set(false);
        attackers.shutdownNow();
        attackers.awaitTermination(30, TimeUnit.SECONDS);
        long start = System.nanoTime();
        int status;
        do {
            Thread.sleep(250);
            status = RawHttp.status(RawHttp.exchange(node.port(), "127.0.0.3",
                    "GET " + OPERATOR_READ + " HTTP/1.1\r\n" + RawHttp.basic(OPERATOR, PASSWORDS.get(OPERATOR))));
        } while (status != 200 && System.nanoTime() - start < TimeUnit.MINUTES.toNanos(10));
        int checked = answers.getOrDefault(401, new AtomicInteger()).get();
        line(String.format("| 16 threads of wrong passwords for one account, %d s | %s | %d passwords checked (%.1f/s), answers by status %s; "
                        + "the account's own first sign-in from another address succeeded %.1f s after the flood |",
                flood.toSeconds(), reads, checked, checked / (double) flood.toSeconds(), new TreeMap<>(answers),
                (System.nanoTime() - start) / 1e9));
    }

    /**
     * 150 threads sending wrong passwords for the owner's account, each from an address
     * of its own that changes with every guess, for 20 s; 5 s in, the owner signs in from
     * where it signed in before — a fresh check, its remembered sign-in long expired.
     */
    private void signInFlood(LedgerProcess node, long ownerSignedIn) throws Exception {
        long rememberedUntil = ownerSignedIn + TimeUnit.MINUTES.toNanos(5) + TimeUnit.SECONDS.toNanos(10);
        Thread.sleep(Math.max(0, (rememberedUntil - System.nanoTime()) / 1_000_000));
        AtomicBoolean attacking = new AtomicBoolean(true);
        Map<Integer, AtomicInteger> answers = new ConcurrentHashMap<>();
        ExecutorService attackers = Executors.newFixedThreadPool(150);
        AtomicInteger guess = new AtomicInteger();
        for (int i = 0; i < 150; i++) {
            attackers.submit(() -> {
                while (attacking.get()) {
                    int n = guess.incrementAndGet();
                    String answer = RawHttp.exchange(node.port(), "127.1." + (n / 250 % 250) + "." + (1 + n % 250),
                            "GET " + READ + " HTTP/1.1\r\n" + RawHttp.basic(OWNER, "guess-" + n));
                    answers.computeIfAbsent(RawHttp.status(answer), s -> new AtomicInteger()).incrementAndGet();
                }
            });
        }
        List<String> owner = new ArrayList<>();
        Reads reads = new Reads(node.port()).during(Duration.ofSeconds(20), () -> {
            Thread.sleep(5_000);
            long start = System.nanoTime();
            int status = RawHttp.status(RawHttp.exchange(node.port(), OWNER_ADDRESS, "GET " + READ + " HTTP/1.1\r\n"
                    + RawHttp.basic(OWNER, OWNER_PASSWORD)));
            owner.add(String.format("%d in %.0f ms", status, (System.nanoTime() - start) / 1e6));
        });
        attacking.set(false);
        attackers.shutdownNow();
        attackers.awaitTermination(30, TimeUnit.SECONDS);
        line("| 150 threads of wrong passwords for one account from rotating addresses, 20 s | " + reads + " | the owner's fresh sign-in "
                + "from its usual address during the flood: " + owner + "; " + guess.get() + " guesses, answers by status "
                + new TreeMap<>(answers) + " |");
    }

    private static String basic(String account) {
        return RawHttp.basic(account, PASSWORDS.get(account));
    }

    private void line(String text) {
        System.out.println("HOSTILE " + text);
        report.add(text);
    }

    private static long residentMiB(long pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("\\D", "")) / 1024;
                }
            }
        } catch (IOException e) {
            // the process has gone
        }
        return 0;
    }

    private interface Attack {
        void run() throws Exception;
    }

    /** An auditor reading departments one request after another (5 s timeout), with remembered credentials. */
    private final class Reads {

        private final URI uri;
        private final List<Long> micros = Collections.synchronizedList(new ArrayList<>());
        private final AtomicInteger failed = new AtomicInteger();

        Reads(int port) {
            this.uri = URI.create("http://127.0.0.1:" + port + READ);
        }

        /** Reads for at least {@code length}, and until {@code attack} returns. */
        Reads during(Duration length, Attack attack) throws Exception {
            AtomicBoolean reading = new AtomicBoolean(true);
            Thread reader = new Thread(() -> {
                String credentials = Base64.getEncoder().encodeToString((AUDITOR + ":" + PASSWORDS.get(AUDITOR)).getBytes(StandardCharsets.UTF_8));
                while (reading.get()) {
                    long start = System.nanoTime();
                    try {
                        HttpResponse<Void> response = http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(5))
                                .header("Authorization", "Basic " + credentials).build(), HttpResponse.BodyHandlers.discarding());
                        if (response.statusCode() != 200) {
                            failed.incrementAndGet();
                        }
                    } catch (IOException e) {
                        failed.incrementAndGet();
                    } catch (InterruptedException e) {
                        return;
                    }
                    micros.add((System.nanoTime() - start) / 1000);
                }
            });
            reader.start();
            long until = System.nanoTime() + length.toNanos();
            attack.run();
            Thread.sleep(Math.max(0, (until - System.nanoTime()) / 1_000_000));
            reading.set(false);
            reader.join();
            return this;
        }

        @Override
        public String toString() {
            List<Long> sorted = new ArrayList<>(micros);
            Collections.sort(sorted);
            if (sorted.isEmpty()) {
                return "none";
            }
            return String.format("%.1f / %.1f, %d of %d", sorted.get(sorted.size() / 2) / 1000.0,
                    sorted.get((int) Math.min(sorted.size() - 1, Math.ceil(sorted.size() * 0.99) - 1)) / 1000.0, failed.get(), sorted.size());
        }
    }
}
