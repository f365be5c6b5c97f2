package org.publicbudget.ledger.app.imports;

import java.util.List;

/**
 * A budget document as read: the table, the lines findings are numbered by, and for each
 * line where a person finds it in the document as they hold it. For text the lines are
 * the text's own ("line 42"); for a PDF or a workbook each line is one row of the table
 * as read, its cells joined by {@code " | "}, found at "page 3, row 7" or
 * "项目支出绩效目标表!B12".
 */
record ReadDocument(Extracted.Document table, List<String> lines, List<String> locators, boolean text) {

    static ReadDocument ofText(Extracted.Document table, List<String> lines) {
        return new ReadDocument(table, lines, null, true);
    }

    /** Where line {@code line} (from 1) stands in the document. */
    String locator(int line) {
        if (line < 1 || line > lines.size()) {
            return null;
        }
        return text ? "line " + line : locators.get(line - 1);
    }

    /** Where lines {@code first} to {@code last} stand, for a person: "lines 12–20", "page 3, row 7 – page 4, row 2". */
    String locator(int first, int last) {
        if (text) {
            return first == last ? "line " + first : "lines " + first + "–" + last;
        }
        String from = locator(first);
        String to = locator(last);
        return from == null || to == null || from.equals(to) ? String.valueOf(from) : from + " – " + to;
    }

    /** The events' {@code sourceLines}: line numbers for text, as always; the table's own locators otherwise. */
    String sourceLines(int first, int last) {
        return text ? first + "–" + last : locator(first, last);
    }
}
