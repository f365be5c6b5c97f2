package org.publicbudget.ledger.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Rooms a newcomer can find their way in: no package of a module holds more than a
 * fifth of its files, and no source file runs past 400 lines.
 */
class LayoutTest {

    private static final int MOST_LINES = 400;

    @ParameterizedTest
    @ValueSource(strings = {"ledger-domain", "ledger-query", "ledger-app"})
    void noPackageHoldsMoreThanAFifthOfItsModule(String module) throws IOException {
        List<Path> files = sources(module);
        Map<Path, Long> perPackage = files.stream().collect(Collectors.groupingBy(Path::getParent, Collectors.counting()));
        assertThat(files).hasSizeGreaterThan(10);
        assertThat(perPackage).allSatisfy((pkg, count) -> assertThat(count * 5)
                .as("%s holds %d of the module's %d files", pkg, count, files.size()).isLessThanOrEqualTo(files.size()));
    }

    @ParameterizedTest
    @ValueSource(strings = {"ledger-domain", "ledger-query", "ledger-app"})
    void noFileRunsPastFourHundredLines(String module) throws IOException {
        for (Path file : sources(module)) {
            try (Stream<String> lines = Files.lines(file)) {
                assertThat(lines.count()).as("lines in %s", file.getFileName()).isLessThanOrEqualTo(MOST_LINES);
            }
        }
    }

    private static List<Path> sources(String module) throws IOException {
        // the tests run in the application module's folder; its siblings are the other modules
        Path root = Path.of("..", module, "src", "main", "java");
        try (Stream<Path> walk = Files.walk(root)) {
            return walk.filter(path -> path.toString().endsWith(".java")).toList();
        }
    }
}
