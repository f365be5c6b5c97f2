package org.publicbudget.ledger.app.observability;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** One read of /actuator/prometheus: each sample's name, labels and value, as Prometheus itself parses the text format. */
public record Scrape(List<Sample> samples) {

    public record Sample(String name, Map<String, String> labels, double value) {
    }

    private static final Pattern LINE = Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*)(\\{(.*)\\})? (\\S+)$");
    private static final Pattern LABEL = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"((?:[^\"\\\\]|\\\\.)*)\"");

    public static Scrape of(String text) {
        List<Sample> samples = new ArrayList<>();
        for (String line : text.split("\n")) {
            Matcher sample = LINE.matcher(line.strip());
            if (line.startsWith("#") || !sample.matches()) {
                continue;
            }
            Map<String, String> labels = new LinkedHashMap<>();
            if (sample.group(3) != null) {
                Matcher label = LABEL.matcher(sample.group(3));
                while (label.find()) {
                    labels.put(label.group(1), label.group(2));
                }
            }
            samples.add(new Sample(sample.group(1), labels, Double.parseDouble(sample.group(4))));
        }
        return new Scrape(samples);
    }

    /** The sum of the samples of {@code name} whose labels include {@code labels} (given as name, value, name, value …); 0 when none. */
    public double value(String name, String... labels) {
        return samples.stream().filter(s -> s.name().equals(name) && has(s, labels)).mapToDouble(Sample::value).sum();
    }

    public boolean has(String name, String... labels) {
        return samples.stream().anyMatch(s -> s.name().equals(name) && has(s, labels));
    }

    public boolean hasMetric(String name) {
        return samples.stream().anyMatch(s -> s.name().equals(name));
    }

    private static boolean has(Sample sample, String... labels) {
        for (int i = 0; i < labels.length; i += 2) {
            if (!labels[i + 1].equals(sample.labels().get(labels[i]))) {
                return false;
            }
        }
        return true;
    }
}
