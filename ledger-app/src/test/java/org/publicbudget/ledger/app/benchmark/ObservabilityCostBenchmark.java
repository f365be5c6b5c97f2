package org.publicbudget.ledger.app.benchmark;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.publicbudget.ledger.app.observability.OtlpReceiver;
import org.publicbudget.ledger.app.support.DebianPackages;
import org.publicbudget.ledger.app.support.LedgerProcess;
import org.publicbudget.ledger.app.support.TestDeployment;
import org.publicbudget.ledger.app.support.TestPostgres;

/**
 * What watching the ledger costs: the same writes (single revisions from 8 clients,
 * batches of 100) against the packaged jar with metrics and tracing off, and on as in
 * production — metrics scraped every 15 s, one request in ten traced and exported over
 * OTLP to a receiver outside the ledger's JVM. Each configuration runs twice, in the order
 * off, on, on, off, each in a fresh JVM on a fresh schema after a minute's warm-up; the
 * table gives each run and the means. Run with
 * {@code ./mvnw -pl ledger-app -am -Pbenchmark verify -Dtest=ObservabilityCostBenchmark}.
 */
class ObservabilityCostBenchmark {

    private static final Map<String, String> OFF = Map.of("MANAGEMENT_METRICS_ENABLE_ALL", "false",
            "AXON_METRICS_AUTO_CONFIGURATION_ENABLED", "false", "MANAGEMENT_TRACING_ENABLED", "false");

    private final int seconds = Integer.getInteger("benchmark.seconds", 20);

    /** Throughput and p99 of each kind of write, and the CPU the ledger's JVM spent per revision (ms), the steadier figure. */
    record Measured(String configuration, double singles, double singlesP99, double singlesCpuMs, double batches, double batchesP99,
            double batchesCpuMs) {
    }

    @Test
    void metricsAndTracingCostLittle() throws Exception {
        DebianPackages.ensure(List.of(Path.of("/usr/bin/wrk")), "wrk");
        List<Measured> runs = new ArrayList<>();
        try (OtlpReceiver collector = new OtlpReceiver()) {
            Map<String, String> on = Map.of("MANAGEMENT_TRACING_ENABLED", "true", "MANAGEMENT_OTLP_TRACING_ENDPOINT", collector.endpoint());
            runs.add(measure("off", OFF, false));
            runs.add(measure("on", on, true));
            runs.add(measure("on", on, true));
            runs.add(measure("off", OFF, false));
            assertThat(collector.spans()).as("traces were exported while on").isNotEmpty();
            System.out.printf("%nspans received by the OTLP collector: %,d%n", collector.spans().size());
        }
        System.out.printf("%n| configuration | single revisions/s (8 clients) | p99 ms | ledger CPU ms per revision | revisions/s in batches of 100 "
                + "| p99 ms | ledger CPU ms per revision |%n|---|--:|--:|--:|--:|--:|--:|%n");
        for (Measured run : runs) {
            System.out.printf("| %s | %,.0f | %.1f | %.3f | %,.0f | %.1f | %.3f |%n", run.configuration(), run.singles(), run.singlesP99(),
                    run.singlesCpuMs(), run.batches(), run.batchesP99(), run.batchesCpuMs());
        }
        double singlesOff = mean(runs, "off", Measured::singles);
        double singlesOn = mean(runs, "on", Measured::singles);
        double batchesOff = mean(runs, "off", Measured::batches);
        double batchesOn = mean(runs, "on", Measured::batches);
        System.out.printf("| mean off | %,.0f | | %,.0f | |%n| mean on | %,.0f | | %,.0f | |%n", singlesOff, batchesOff, singlesOn, batchesOn);
        System.out.printf("cost of metrics and tracing in throughput: single revisions %.1f %%, batches %.1f %%%n",
                100 * (1 - singlesOn / singlesOff), 100 * (1 - batchesOn / batchesOff));
        System.out.printf("cost in the ledger's CPU per revision: single revisions %.1f %%, batches %.1f %%%n",
                100 * (mean(runs, "on", Measured::singlesCpuMs) / mean(runs, "off", Measured::singlesCpuMs) - 1),
                100 * (mean(runs, "on", Measured::batchesCpuMs) / mean(runs, "off", Measured::batchesCpuMs) - 1));
        assertThat(runs).allMatch(run -> run.singles() > 0 && run.batches() > 0);
    }

    private Measured measure(String configuration, Map<String, String> settings, boolean scrape) throws Exception {
        LedgerProcess node = new LedgerProcess(TestPostgres.freshSchema(), "observability-" + configuration).heap("-Xmx1g").with(settings)
                .start();
        ScheduledExecutorService prometheus = Executors.newSingleThreadScheduledExecutor();
        try {
            if (scrape) {
                prometheus.scheduleAtFixedRate(() -> scrape(node), 0, 15, TimeUnit.SECONDS);
            }
            Path projects = ExternalLoadBenchmark.createProjects(node.api());
            ExternalLoadBenchmark.wrk(node, projects, 8, 0, "warm-up", 1, 30);
            ExternalLoadBenchmark.wrk(node, projects, 1, 100, "warm-up", 1, 30);
            long cpu = cpuMillis(node.pid());
            ExternalLoadBenchmark.Run singles = ExternalLoadBenchmark.wrk(node, projects, 8, 0, "singles", 1, seconds);
            long singlesCpu = cpuMillis(node.pid()) - cpu;
            cpu = cpuMillis(node.pid());
            ExternalLoadBenchmark.Run batches = ExternalLoadBenchmark.wrk(node, projects, 1, 100, "batches", 1, seconds);
            long batchesCpu = cpuMillis(node.pid()) - cpu;
            return new Measured(configuration, singles.perSecond(), singles.p99Ms(), singlesCpu / (singles.perSecond() * seconds),
                    batches.perSecond(), batches.p99Ms(), batchesCpu / (batches.perSecond() * seconds));
        } finally {
            prometheus.shutdownNow();
            node.stop();
        }
    }

    /** CPU time the process has used, user and system, from /proc (in clock ticks of 10 ms). */
    private static long cpuMillis(long pid) throws java.io.IOException {
        String stat = java.nio.file.Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) * 10;
    }

    /** What Prometheus does every 15 s. */
    private static void scrape(LedgerProcess node) {
        try {
            HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + node.port() + "/actuator/prometheus"))
                    .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(("ops:" + TestDeployment.PASSWORDS.get("ops"))
                            .getBytes(StandardCharsets.UTF_8))).build();
            HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.discarding());
        } catch (Exception e) {
            System.out.println("scrape failed: " + e.getMessage());
        }
    }

    private static double mean(List<Measured> runs, String configuration, java.util.function.ToDoubleFunction<Measured> value) {
        return runs.stream().filter(run -> run.configuration().equals(configuration)).mapToDouble(value).average().orElseThrow();
    }
}
