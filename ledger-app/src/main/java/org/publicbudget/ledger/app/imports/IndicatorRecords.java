package org.publicbudget.ledger.app.imports;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.IntUnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The indicator column as printed, one text of numbered records:
 * {@code 1、1-产出指标；11-数量指标；name；实施周期指标值:…；年度指标值:…。2、…}. Every
 * format's reader hands its indicator text here; what does not read as a record is a
 * finding, never dropped. A number seen twice is not read twice.
 */
final class IndicatorRecords {

    private static final Pattern RECORD_START = Pattern.compile("(?:^|(?<=。))\\s*([0-9]{1,2})\\s*、(?=\\s*[0-9]\\s*-)");
    private static final Pattern RECORD = Pattern.compile(
            "^([0-9]{1,2})\\s*、\\s*([0-9])\\s*-\\s*([^；;]*?)\\s*[；;]\\s*([0-9]{2})\\s*-\\s*([^；;]*?)\\s*[；;]\\s*(.+?)\\s*[；;]\\s*"
                    + "实施周期指标值\\s*[:：]?\\s*(.*?)\\s*[；;]\\s*年度指标值\\s*[:：]?\\s*(.*?)\\s*。?\\s*$", Pattern.DOTALL);

    private IndicatorRecords() {
    }

    /** The records of {@code text}; {@code lineAt} gives the line of each character, for findings and records alike. */
    static List<Extracted.Indicator> read(String text, IntUnaryOperator lineAt, List<Finding> findings) {
        List<Extracted.Indicator> result = new ArrayList<>();
        if (text.isBlank()) {
            return result;
        }
        Set<Integer> numbers = new HashSet<>();
        Matcher starts = RECORD_START.matcher(text);
        List<Integer> offsets = new ArrayList<>();
        while (starts.find()) {
            offsets.add(starts.start(1));
        }
        int expected = offsets.isEmpty() ? text.length() : offsets.get(0);
        if (!text.substring(0, expected).isBlank()) {
            unplaced(text.substring(0, expected), lineAt.applyAsInt(0), findings);
        }
        for (int r = 0; r < offsets.size(); r++) {
            int from = offsets.get(r);
            int to = r + 1 < offsets.size() ? offsets.get(r + 1) : text.length();
            String record = text.substring(from, to);
            Matcher m = RECORD.matcher(record);
            if (!m.matches() || !numbers.add(Integer.parseInt(m.group(1)))) {
                unplaced(record, lineAt.applyAsInt(from), findings);
                continue;
            }
            result.add(new Extracted.Indicator(Integer.parseInt(m.group(1)), m.group(2), m.group(3), m.group(4), m.group(5),
                    m.group(6), m.group(7), m.group(8), lineAt.applyAsInt(from)));
        }
        return result;
    }

    private static void unplaced(String text, int line, List<Finding> findings) {
        findings.add(new Finding(Finding.Kind.UNPLACED_TEXT, line, "indicator text that could not be read: " + Finding.clip(text)));
    }
}
