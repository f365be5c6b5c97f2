package org.publicbudget.ledger.app.imports;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;
import org.publicbudget.ledger.domain.money.Amounts;
import org.publicbudget.ledger.domain.money.FundingSource;

/**
 * The rows of a budget table, as a PDF or a workbook gives them cell by cell, read into
 * the same units, projects and findings as the text parser reads: the 合计 row declares
 * the grand total; a row with amounts but no goal or indicators is a unit (资金使用单位);
 * a row with them is a project of the unit above. Because every amount stands in its
 * own column, an empty cell is a zero of that column — never a shift to the left. A row
 * with neither name nor amounts continues the one before it (a row split by a page
 * break); a row printed twice in a row (again at the top of the next page) is reported
 * as {@code PAGE_REPEAT} and its complete copy kept.
 */
final class BudgetTable {

    /** An amount as printed or stored: digits with optional thousands commas and decimals. */
    private static final Pattern AMOUNT = Pattern.compile("[0-9]{1,3}(,[0-9]{3})+(\\.[0-9]+)?|[0-9]+(\\.[0-9]+)?");
    private static final Pattern GRAND_TOTAL = Pattern.compile("合计|总计");
    private static final Column[] SOURCES = {Column.FISCAL_APPROPRIATION, Column.SPECIAL_ACCOUNT, Column.OTHER};

    /** A row of the table once continuations are joined: its cells and the lines it covers. */
    private static final class Entry {
        final Map<Column, String> cells = new EnumMap<>(Column.class);
        /** Where each line's part of the indicator text begins: {offset, line}, so each indicator keeps its own line. */
        final List<int[]> indicatorLines = new ArrayList<>();
        final int first;
        int last;

        Entry(Map<Column, String> cells, int line) {
            this.first = line;
            append(cells, line);
        }

        /** Adds a row's cells to this one's: the rest of a row carried over a page break, or a workbook's next indicator row. */
        void append(Map<Column, String> more, int line) {
            more.forEach((column, text) -> {
                String part = joined(text);
                if (column == Column.INDICATORS && !part.isEmpty()) {
                    indicatorLines.add(new int[] {text(Column.INDICATORS).length(), line});
                }
                cells.merge(column, part, String::concat);
            });
            last = line;
        }

        int lineAt(int offset) {
            int line = first;
            for (int[] start : indicatorLines) {
                if (start[0] <= offset) {
                    line = start[1];
                }
            }
            return line;
        }

        String text(Column column) {
            return cells.getOrDefault(column, "").strip();
        }

        String content() {
            return text(Column.GOAL) + text(Column.INDICATORS);
        }
    }

    private final List<Finding> findings = new ArrayList<>();

    private BudgetTable() {
    }

    /** Never throws: rows that make no budget table come back with {@code budgetTable} false. */
    static ReadDocument read(String department, List<TableRow> rows) {
        List<String> lines = rows.stream().map(TableRow::line).toList();
        List<String> locators = rows.stream().map(TableRow::locator).toList();
        return new ReadDocument(new BudgetTable().document(department, rows), lines, locators, false);
    }

    private Extracted.Document document(String department, List<TableRow> rows) {
        List<Entry> entries = entries(rows);
        BigDecimal grandTotal = null;
        int grandTotalLine = 0;
        List<Extracted.Unit> units = new ArrayList<>();
        String unitName = null;
        BigDecimal unitTotal = null;
        int unitLine = 0;
        List<Extracted.Project> projects = new ArrayList<>();
        for (Entry entry : entries) {
            String name = name(entry.text(Column.NAME));
            boolean hasAmounts = hasAmounts(entry);
            if (GRAND_TOTAL.matcher(name).matches()) {
                grandTotal = total(entry);
                grandTotalLine = entry.first;
            } else if (!entry.content().isEmpty() && !name.isEmpty()) {
                if (unitName == null) {
                    findings.add(new Finding(Finding.Kind.UNPLACED_TEXT, entry.first, "a project before any unit: " + Finding.clip(name)));
                    continue;
                }
                projects.add(project(name, entry));
            } else if (hasAmounts && !name.isEmpty()) {
                if (unitName != null) {
                    units.add(new Extracted.Unit(unitName, unitTotal, unitLine, List.copyOf(projects)));
                }
                unitName = name;
                unitTotal = total(entry);
                unitLine = entry.first;
                projects.clear();
            } else {
                findings.add(new Finding(Finding.Kind.UNPLACED_TEXT, entry.first, "a row that is neither a unit nor a project: "
                        + Finding.clip(String.join(" ", entry.cells.values()).strip())));
            }
        }
        if (unitName != null) {
            units.add(new Extracted.Unit(unitName, unitTotal, unitLine, List.copyOf(projects)));
        }
        return new Extracted.Document(!units.isEmpty() || grandTotal != null, department, grandTotal, grandTotalLine, units,
                List.copyOf(findings));
    }

    private List<Entry> entries(List<TableRow> rows) {
        List<Entry> entries = new ArrayList<>();
        for (int i = 0; i < rows.size(); i++) {
            TableRow row = rows.get(i);
            int line = i + 1;
            if (row.isBlank()) {
                continue;
            }
            Entry previous = entries.isEmpty() ? null : entries.get(entries.size() - 1);
            Entry entry = new Entry(row.cells(), line);
            if (previous != null && entry.text(Column.NAME).isEmpty() && !hasAmounts(entry)) {
                // the rest of the row above, carried over a page break
                previous.append(row.cells(), line);
            } else if (previous != null && printedTwice(previous, entry)) {
                boolean keepNew = entry.content().length() > previous.content().length();
                findings.add(new Finding(Finding.Kind.PAGE_REPEAT, keepNew ? previous.first : line, "the row "
                        + Finding.clip(name(entry.text(Column.NAME))) + " is printed twice; the complete copy is kept"));
                if (keepNew) {
                    entries.set(entries.size() - 1, entry);
                }
            } else {
                entries.add(entry);
            }
        }
        return entries;
    }

    private static boolean printedTwice(Entry a, Entry b) {
        if (!name(a.text(Column.NAME)).equals(name(b.text(Column.NAME))) || a.text(Column.NAME).isEmpty()) {
            return false;
        }
        for (Column column : Column.values()) {
            if (column.isAmount() && !Objects.equals(amountOrNull(a.text(column)), amountOrNull(b.text(column)))) {
                return false;
            }
        }
        String x = a.content();
        String y = b.content();
        return x.startsWith(y) || y.startsWith(x);
    }

    private Extracted.Project project(String name, Entry entry) {
        Map<FundingSource, BigDecimal> allocations = new EnumMap<>(FundingSource.class);
        for (int i = 0; i < SOURCES.length; i++) {
            allocations.put(FundingSource.values()[i], amount(entry, SOURCES[i]));
        }
        List<Extracted.Indicator> indicators = IndicatorRecords.read(entry.text(Column.INDICATORS), entry::lineAt, findings);
        return new Extracted.Project(name, total(entry), allocations, entry.text(Column.GOAL), indicators, entry.first, entry.last, false);
    }

    /** The row's 总计, or the sum of its sources where the total cell is empty. */
    private BigDecimal total(Entry entry) {
        if (!entry.text(Column.TOTAL).isEmpty()) {
            return amount(entry, Column.TOTAL);
        }
        BigDecimal sum = BigDecimal.ZERO;
        for (Column source : SOURCES) {
            sum = sum.add(amount(entry, source));
        }
        return Amounts.canonical(sum);
    }

    /** The amount in a cell; an empty cell is zero, one that is not an amount is a finding and zero. */
    private BigDecimal amount(Entry entry, Column column) {
        String text = entry.text(column);
        BigDecimal amount = amountOrNull(text);
        if (amount == null) {
            if (!text.isEmpty()) {
                findings.add(new Finding(Finding.Kind.UNPLACED_TEXT, entry.first, "not an amount in " + column.name() + ": "
                        + Finding.clip(text)));
            }
            return Amounts.canonical(BigDecimal.ZERO);
        }
        return amount;
    }

    private static BigDecimal amountOrNull(String text) {
        String plain = text.replaceAll("\\s+", "");
        if (!AMOUNT.matcher(plain).matches()) {
            return null;
        }
        BigDecimal amount = new BigDecimal(plain.replace(",", ""));
        return amount.stripTrailingZeros().scale() > Amounts.MAX_SCALE || amount.compareTo(Amounts.UPPER_BOUND) >= 0 ? null
                : Amounts.canonical(amount);
    }

    private static boolean hasAmounts(Entry entry) {
        for (Column column : Column.values()) {
            if (column.isAmount() && amountOrNull(entry.text(column)) != null) {
                return true;
            }
        }
        return false;
    }

    /** A cell's text with its wrapped lines joined: the table wraps text at the cell's edge, not between words. */
    private static String joined(String text) {
        return text.strip().replaceAll("\\s*\\n\\s*", "");
    }

    /** A name as printed, its wrapped lines joined: CJK text has no spaces to keep. */
    private static String name(String text) {
        return text.replaceAll("\\s*\\n\\s*", "").replaceAll("(?<=\\p{IsHan})\\s+(?=\\p{IsHan})", "").strip();
    }
}
