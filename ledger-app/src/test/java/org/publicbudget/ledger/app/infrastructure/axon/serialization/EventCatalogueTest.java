package org.publicbudget.ledger.app.infrastructure.axon.serialization;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.reflect.RecordComponent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.axonframework.serialization.AnnotationRevisionResolver;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.publicbudget.ledger.domain.EventTypes;

/**
 * The catalogue (docs/events.md) is written by hand for people, and checked here
 * against the code: every event has a section, with its current revision, a line for
 * each revision up to it, and exactly its fields in order.
 */
class EventCatalogueTest {

    private static final Path CATALOGUE = Path.of("..", "docs", "events.md");

    private final Map<String, List<String>> sections = sections();

    @Test
    void listsEveryEventAndNothingElse() {
        assertThat(sections.keySet()).containsExactlyElementsOf(EventTypes.all().keySet());
    }

    @TestFactory
    Stream<DynamicTest> eachSectionMatchesTheCode() {
        return EventTypes.all().entrySet().stream().map(event -> DynamicTest.dynamicTest(event.getKey(), () -> {
            List<String> section = sections.getOrDefault(event.getKey(), List.of());
            String revision = new AnnotationRevisionResolver().revisionOf(event.getValue());
            assertThat(section).as("current revision").anyMatch(line -> line.startsWith("Current revision: " + revision + "."));
            assertThat(section.stream().filter(line -> line.startsWith("- ")).map(line -> line.substring(2, line.indexOf(':'))))
                    .as("one line per revision").containsExactlyElementsOf(
                            IntStream.rangeClosed(1, Integer.parseInt(revision)).mapToObj(String::valueOf).toList());
            assertThat(section.stream().filter(line -> line.startsWith("| `")).map(line -> line.substring(3, line.indexOf('`', 3))))
                    .as("fields").containsExactlyElementsOf(
                            Arrays.stream(event.getValue().getRecordComponents()).map(RecordComponent::getName).toList());
        }));
    }

    /** The lines under each second-level heading that names an event (one word, no spaces). */
    private static Map<String, List<String>> sections() {
        Map<String, List<String>> sections = new LinkedHashMap<>();
        List<String> current = new ArrayList<>();
        try {
            for (String line : Files.readAllLines(CATALOGUE)) {
                if (line.startsWith("## ")) {
                    String heading = line.substring(3).trim();
                    current = heading.contains(" ") ? new ArrayList<>() : sections.computeIfAbsent(heading, h -> new ArrayList<>());
                } else {
                    current.add(line);
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException("the event catalogue is missing: " + CATALOGUE, e);
        }
        return sections;
    }
}
