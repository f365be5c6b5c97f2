package org.publicbudget.ledger.app.imports;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The parser fed with damaged copies of the seed — shuffled, truncated, garbled —
 * each from a fixed random seed so that a failure can be replayed. Whatever it is
 * given, it does not throw, it never reports an amount the text does not print, and
 * when it cannot read a project's indicator text it says so.
 */
class DocumentParserPropertiesTest {

    private static final int CASES = 10_000;
    private static final Pattern PRINTED_AMOUNT = Pattern.compile("[0-9][0-9,]*\\.[0-9]{2}");
    private static final List<String> SEED_LINES = List.of(Seed.text().split("\n", -1));

    /**
     * One test over {@value #CASES} cases, so that the count of tests says how many things
     * are tested; a failure names its case and its seed.
     */
    @Test
    void damagedDocumentsAreReadWithoutInventingAmounts() {
        long[] seeds = new Random(20251125L).longs(CASES).toArray();
        for (int i = 0; i < seeds.length; i++) {
            try {
                readsWithoutInventing(seeds[i]);
            } catch (AssertionError | RuntimeException e) {
                throw new AssertionError("case " + (i + 1) + " of " + CASES + " (seed " + seeds[i] + "L): " + e.getMessage(), e);
            }
        }
        System.out.printf("DocumentParserPropertiesTest: %,d damaged documents read%n", CASES);
    }

    private static String shuffled(Random random) {
        List<String> lines = new ArrayList<>(SEED_LINES);
        int from = random.nextInt(lines.size());
        int to = Math.min(lines.size(), from + 1 + random.nextInt(200));
        Collections.shuffle(lines.subList(from, to), random);
        return String.join("\n", lines);
    }

    private static String truncated(Random random) {
        String text = Seed.text();
        int from = random.nextInt(text.length());
        return random.nextBoolean() ? text.substring(0, from) : text.substring(from);
    }

    private static String garbled(Random random) {
        StringBuilder text = new StringBuilder(Seed.text());
        int edits = 1 + random.nextInt(40);
        for (int i = 0; i < edits; i++) {
            int at = random.nextInt(text.length());
            switch (random.nextInt(3)) {
                case 0 -> text.deleteCharAt(at);
                case 1 -> text.insert(at, "；:、-。0123456789 指标值%\n".charAt(random.nextInt(19)));
                default -> text.setCharAt(at, (char) (0x4E00 + random.nextInt(0x5000)));
            }
        }
        return text.toString();
    }

    private static String randomBytes(Random random) {
        byte[] bytes = new byte[random.nextInt(4000)];
        random.nextBytes(bytes);
        return new String(bytes, java.nio.charset.StandardCharsets.UTF_8);
    }

    private static void readsWithoutInventing(long seed) {
        Random random = new Random(seed);
        String text = switch (random.nextInt(4)) {
            case 0 -> shuffled(random);
            case 1 -> truncated(random);
            case 2 -> garbled(random);
            default -> randomBytes(random);
        };

        Extracted.Document document = DocumentReview.review(DocumentParser.parse(text));

        Set<BigDecimal> printed = new HashSet<>();
        Matcher amounts = PRINTED_AMOUNT.matcher(text);
        while (amounts.find()) {
            printed.add(new BigDecimal(amounts.group().replace(",", "")).stripTrailingZeros());
        }
        if (document.declaredTotal() != null) {
            assertThat(printed).contains(document.declaredTotal().stripTrailingZeros());
        }
        String[] lines = text.split("\r\n|\r|\n", -1);
        for (Extracted.Unit unit : document.units()) {
            if (unit.declaredTotal() != null) {
                assertThat(printed).contains(unit.declaredTotal().stripTrailingZeros());
            }
            for (Extracted.Project project : unit.projects()) {
                project.allocations().values().stream().filter(a -> a.signum() != 0)
                        .forEach(a -> assertThat(printed).as(project.name()).contains(a.stripTrailingZeros()));
                assertThat(project.indicators()).extracting(Extracted.Indicator::no).doesNotHaveDuplicates();
                boolean indicatorTextPresent = false;
                for (int line = project.firstLine() - 1; line < Math.min(project.lastLine(), lines.length); line++) {
                    indicatorTextPresent |= lines[line].contains("指标值");
                }
                if (indicatorTextPresent && project.indicators().isEmpty()) {
                    assertThat(document.findings()).as("unreadable indicators of " + project.name() + " are reported")
                            .anyMatch(f -> f.kind() == Finding.Kind.UNPLACED_TEXT || f.kind() == Finding.Kind.PAGE_REPEAT);
                }
            }
        }
        for (Finding finding : document.findings()) {
            assertThat(finding.line()).isBetween(0, lines.length);
        }
    }
}
