package org.publicbudget.ledger.app.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.publicbudget.ledger.app.observability.Scrape;
import org.publicbudget.ledger.app.support.PostgresApiTest;
import org.yaml.snakeyaml.Yaml;

/**
 * docker/'s Prometheus configuration, alert rules and Grafana dashboard, checked against
 * the ledger itself: the files parse, they are wired to each other in the compose file,
 * and every metric a rule or a panel reads is one the ledger exports — a renamed metric
 * would otherwise leave an alert that can never fire and a panel that stays empty.
 */
class MonitoringFilesTest extends PostgresApiTest {

    private static final Path DOCKER = Path.of("..", "docker");
    /** Metric names as the queries write them: the ledger's own, Spring's, the pool's, the JVM's and Axon's. */
    /** {@code by (a, b)} and {@code {{a}}} in a legend. */
    private static final Pattern LABELS = Pattern.compile("by \\(([^)]*)\\)|\\{\\{(\\w+)}}");
    /** Labels Prometheus adds to every series it scrapes. */
    private static final Set<String> PROMETHEUS_OWN = Set.of("instance", "job");
    private static final Pattern METRIC = Pattern.compile("\\b(ledger_[a-z0-9_]+|http_server_[a-z0-9_]+|hikaricp_[a-z0-9_]+|jvm_[a-z0-9_]+"
            + "|eventProcessor_[A-Za-z0-9_]+)\\b");

    @Test
    @SuppressWarnings("unchecked")
    void theAlertRulesCoverWhatOperatorsMustHearAbout() throws IOException {
        Map<String, Object> prometheus = yaml("prometheus/prometheus.yml");
        assertThat((List<String>) prometheus.get("rule_files")).containsExactly("/etc/prometheus/alerts.yml");
        Map<String, Object> scrape = ((List<Map<String, Object>>) prometheus.get("scrape_configs")).get(0);
        assertThat(scrape.get("metrics_path")).isEqualTo("/actuator/prometheus");
        assertThat((Map<String, Object>) scrape.get("basic_auth")).containsEntry("password_file", "/run/secrets/metrics_password");

        List<String> alerts = new ArrayList<>();
        for (Map<String, Object> rule : rules()) {
            alerts.add((String) rule.get("alert"));
            assertThat((Map<String, Object>) rule.get("annotations")).as(rule.get("alert") + " says what is wrong").containsKey("summary");
        }
        assertThat(alerts).contains("LedgerProcessorFallingBehind", "LedgerRebuildFailed", "LedgerVerificationProblem", "LedgerDatabaseAway");
    }

    @Test
    @SuppressWarnings("unchecked")
    void theComposeFileProvisionsTheDashboardAndTheRules() throws IOException {
        Map<String, Object> services = (Map<String, Object>) yaml("compose.yaml").get("services");
        assertThat((List<String>) ((Map<String, Object>) services.get("prometheus")).get("volumes"))
                .contains("./prometheus/prometheus.yml:/etc/prometheus/prometheus.yml:ro", "./prometheus/alerts.yml:/etc/prometheus/alerts.yml:ro");
        assertThat((List<String>) ((Map<String, Object>) services.get("grafana")).get("volumes"))
                .contains("./grafana/provisioning:/etc/grafana/provisioning:ro", "./grafana/dashboards:/var/lib/grafana/dashboards:ro");
        Map<String, Object> provider = ((List<Map<String, Object>>) yaml("grafana/provisioning/dashboards/ledger.yml").get("providers")).get(0);
        assertThat((Map<String, Object>) provider.get("options")).containsEntry("path", "/var/lib/grafana/dashboards");
        Map<String, Object> source = ((List<Map<String, Object>>) yaml("grafana/provisioning/datasources/prometheus.yml").get("datasources")).get(0);
        assertThat(source).containsEntry("uid", "prometheus").containsEntry("url", "http://prometheus:9090");
        JsonNode dashboard = dashboard();
        assertThat(dashboard.get("uid").asText()).isEqualTo("budget-ledger");
        List<String> titles = dashboard.get("panels").findValuesAsText("title");
        assertThat(titles).contains("Commands per second by outcome", "Command latency (all nodes)", "Read model lag (seconds)",
                "Rebuild progress", "Errors per second");
        dashboard.get("panels").forEach(panel -> panel.get("targets").forEach(target ->
                assertThat(target.get("datasource").get("uid").asText()).as(panel.get("title").asText()).isEqualTo("prometheus")));
    }

    @Test
    void everyMetricTheRulesAndTheDashboardReadIsOneTheLedgerExports() throws IOException {
        // something of each kind to have been measured: a command, an import's refusal, a sign-in
        assertThat(api.post(WRITER, "/api/v1/projects", """
                {"department":"Monitoring %s","fiscalYear":2048,"unit":"街道办事处","name":"帮扶工作经费","goal":"",
                 "allocations":{"FISCAL_APPROPRIATION":"5.00"}}""".formatted(UUID.randomUUID())).status()).isEqualTo(201);
        api.postText(WRITER, "/api/v1/imports?fiscalYear=2048&documentName=minutes.txt", "Minutes\n");
        Scrape scrape = Scrape.of(api.get(OPERATOR, "/actuator/prometheus").body().asText());

        Set<String> used = new TreeSet<>();
        List<String> queries = new ArrayList<>();
        dashboard().get("panels").forEach(panel -> panel.get("targets").forEach(target ->
                queries.add(target.get("expr").asText() + " " + target.path("legendFormat").asText())));
        rules().forEach(rule -> queries.add((String) rule.get("expr")));
        for (String query : queries) {
            List<String> metrics = new ArrayList<>();
            Matcher metric = METRIC.matcher(query);
            while (metric.find()) {
                metrics.add(metric.group(1));
            }
            used.addAll(metrics);
            // the labels a query groups by or names in a legend: on the metrics it reads, or the panel shows one unnamed line
            Matcher labels = LABELS.matcher(query);
            while (labels.find()) {
                for (String label : (labels.group(1) != null ? labels.group(1) : labels.group(2)).split(",\\s*")) {
                    if (!label.isBlank() && !PROMETHEUS_OWN.contains(label.strip())) {
                        assertThat(scrape.samples()).as(query + ": label " + label)
                                .anyMatch(s -> metrics.contains(s.name()) && s.labels().containsKey(label.strip()));
                    }
                }
            }
        }
        assertThat(used).hasSizeGreaterThan(20);
        assertThat(used).allSatisfy(name -> assertThat(scrape.hasMetric(name)).as(name + " is exported").isTrue());
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> rules() throws IOException {
        List<Map<String, Object>> rules = new ArrayList<>();
        for (Map<String, Object> group : (List<Map<String, Object>>) yaml("prometheus/alerts.yml").get("groups")) {
            rules.addAll((List<Map<String, Object>>) group.get("rules"));
        }
        return rules;
    }

    private static JsonNode dashboard() throws IOException {
        return new ObjectMapper().readTree(DOCKER.resolve("grafana/dashboards/ledger.json").toFile());
    }

    private static Map<String, Object> yaml(String file) throws IOException {
        try (InputStream in = Files.newInputStream(DOCKER.resolve(file))) {
            return new Yaml().load(in);
        }
    }
}
