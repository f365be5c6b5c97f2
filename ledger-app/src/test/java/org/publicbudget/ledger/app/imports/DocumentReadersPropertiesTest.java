package org.publicbudget.ledger.app.imports;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import java.math.BigDecimal;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Random;
import java.util.Set;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.publicbudget.ledger.app.support.Budget;
import org.publicbudget.ledger.app.support.BudgetPdf;
import org.publicbudget.ledger.app.support.BudgetWorkbook;
import org.slf4j.LoggerFactory;

/**
 * The PDF and workbook readers fed with damaged copies of documents this test writes:
 * truncated, bytes flipped, a stretch overwritten, bytes inserted, each from a fixed
 * random seed so that a failure can be replayed. Whatever they are given, they answer
 * with a table or with a refusal that says why ({@link UnreadableDocument},
 * {@link DocumentRefused}) — never another exception, never running out of memory — and
 * every amount they read is one the document printed.
 */
class DocumentReadersPropertiesTest {

    private static final int CASES = 400;
    private static final Budget BUDGET = Budget.synthetic("广州市荔湾区损坏测试街道办事处", 8);
    private static final Set<BigDecimal> PRINTED = printed(BUDGET);

    static {
        // as the ledger itself runs (application.properties): a damaged font map warns once per code it cannot map
        for (String reader : new String[] {"org.apache.pdfbox", "org.apache.fontbox"}) {
            ((Logger) LoggerFactory.getLogger(reader)).setLevel(Level.OFF);
        }
    }

    @Test
    void damagedPdfsAreRefusedOrReadWithoutInventingAmounts() {
        byte[] pdf = BudgetPdf.of(BUDGET, Set.of(), 300);
        holds("PDF", pdf, bytes -> PdfTable.read(bytes, "damaged.pdf"));
    }

    @Test
    void damagedWorkbooksAreRefusedOrReadWithoutInventingAmounts() {
        byte[] byProject = BudgetWorkbook.byProject(BUDGET);
        byte[] byIndicator = BudgetWorkbook.byIndicator(BUDGET);
        holds("workbook by project", byProject, bytes -> WorkbookTable.read(bytes, "damaged.xlsx"));
        holds("workbook by indicator", byIndicator, bytes -> WorkbookTable.read(bytes, "damaged.xlsx"));
    }

    private static void holds(String kind, byte[] original, Function<byte[], ReadDocument> reader) {
        long[] seeds = new Random(20261205L ^ kind.hashCode()).longs(CASES).toArray();
        int refused = 0;
        int read = 0;
        for (int i = 0; i < seeds.length; i++) {
            byte[] damaged = damaged(original, new Random(seeds[i]));
            try {
                ReadDocument document = reader.apply(damaged);
                onlyPrintedAmounts(document.table());
                read++;
            } catch (UnreadableDocument | DocumentRefused expected) {
                assertThat(expected.getMessage()).as("a refusal says why").isNotBlank();
                refused++;
            } catch (AssertionError | RuntimeException | OutOfMemoryError e) {
                throw new AssertionError(kind + " case " + (i + 1) + " of " + CASES + " (seed " + seeds[i] + "L): " + e, e);
            }
        }
        System.out.printf("DocumentReadersPropertiesTest: %s, %d damaged copies: %d read, %d refused%n", kind, CASES, read, refused);
        assertThat(read + refused).isEqualTo(CASES);
    }

    static byte[] damaged(byte[] original, Random random) {
        byte[] bytes = original.clone();
        switch (random.nextInt(4)) {
            case 0 -> bytes = Arrays.copyOf(bytes, random.nextInt(bytes.length));
            case 1 -> {
                for (int flips = 1 + random.nextInt(20); flips > 0; flips--) {
                    bytes[random.nextInt(bytes.length)] ^= (byte) (1 << random.nextInt(8));
                }
            }
            case 2 -> {
                int from = random.nextInt(bytes.length);
                byte[] junk = new byte[Math.min(bytes.length - from, 1 + random.nextInt(512))];
                random.nextBytes(junk);
                System.arraycopy(junk, 0, bytes, from, junk.length);
            }
            default -> {
                int at = random.nextInt(bytes.length);
                byte[] junk = new byte[1 + random.nextInt(64)];
                random.nextBytes(junk);
                byte[] longer = new byte[bytes.length + junk.length];
                System.arraycopy(bytes, 0, longer, 0, at);
                System.arraycopy(junk, 0, longer, at, junk.length);
                System.arraycopy(bytes, at, longer, at + junk.length, bytes.length - at);
                bytes = longer;
            }
        }
        return bytes;
    }

    private static void onlyPrintedAmounts(Extracted.Document table) {
        if (table.declaredTotal() != null) {
            assertThat(PRINTED).as("the declared total").contains(table.declaredTotal().stripTrailingZeros());
        }
        for (Extracted.Unit unit : table.units()) {
            if (unit.declaredTotal() != null) {
                assertThat(PRINTED).as(unit.name()).contains(unit.declaredTotal().stripTrailingZeros());
            }
            for (Extracted.Project project : unit.projects()) {
                project.allocations().values().stream().filter(a -> a.signum() != 0)
                        .forEach(a -> assertThat(PRINTED).as(project.name()).contains(a.stripTrailingZeros()));
            }
        }
    }

    private static Set<BigDecimal> printed(Budget budget) {
        Set<BigDecimal> amounts = new HashSet<>();
        amounts.add(new BigDecimal(budget.grandTotal()).stripTrailingZeros());
        for (Budget.Unit unit : budget.units()) {
            amounts.add(new BigDecimal(unit.declaredTotal()).stripTrailingZeros());
            for (Budget.Project p : unit.projects()) {
                for (String amount : new String[] {p.fiscal(), p.special(), p.other()}) {
                    amounts.add(new BigDecimal(amount).stripTrailingZeros());
                }
            }
        }
        return amounts;
    }
}
