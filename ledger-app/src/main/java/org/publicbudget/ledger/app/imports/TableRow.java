package org.publicbudget.ledger.app.imports;

import java.util.EnumMap;
import java.util.Map;

/**
 * One row of a budget table as a PDF or a workbook holds it: the text of each cell by
 * column (a wrapped cell already joined) and where a person finds the row.
 */
record TableRow(String locator, Map<Column, String> cells) {

    TableRow {
        cells = new EnumMap<>(cells.isEmpty() ? Map.of(Column.NAME, "") : cells);
    }

    String text(Column column) {
        return cells.getOrDefault(column, "").strip();
    }

    boolean isBlank() {
        return cells.values().stream().allMatch(String::isBlank);
    }

    /** The row as one line of text, its cells in column order: what a finding quotes. */
    String line() {
        return String.join(" | ", cells.values().stream().map(String::strip).filter(text -> !text.isEmpty()).toList());
    }
}
