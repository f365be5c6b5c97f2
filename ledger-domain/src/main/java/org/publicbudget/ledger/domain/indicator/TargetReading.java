package org.publicbudget.ledger.domain.indicator;

import java.math.BigDecimal;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A structured reading of an indicator target as printed ({@code 100%}, {@code ＞80%},
 * {@code 85%或以上}, {@code 不少于2次}, {@code 18.5万}, {@code 提升} …): a comparator, an
 * exact number and its unit where the target is quantitative, otherwise the
 * qualitative text. The raw text always stays beside it.
 */
public record TargetReading(String raw, Comparator comparator, BigDecimal value, String unit, String qualitative) {

    public enum Comparator {
        EQ("="), GT(">"), GE("≥"), LT("<"), LE("≤");

        private final String symbol;

        Comparator(String symbol) {
            this.symbol = symbol;
        }

        public String symbol() {
            return symbol;
        }
    }

    private static final Pattern NUMBER = Pattern.compile("[0-9]+(?:\\.[0-9]+)?");
    /** Units seen in published targets, longest first so that 万元 wins over 万. */
    private static final List<String> UNITS = List.of("万元", "小时", "%", "％", "次", "个", "人", "万", "元", "户", "场", "宗",
            "天", "日", "月", "年", "家", "期", "篇", "件", "份", "所", "间", "名", "项", "批", "辆", "台", "条", "处", "册", "本", "米", "平方米", "公里");
    private static final List<String[]> PREFIXES = List.of(
            new String[] {"≥", "GE"}, new String[] {"＞=", "GE"}, new String[] {">=", "GE"}, new String[] {"≤", "LE"},
            new String[] {"＜=", "LE"}, new String[] {"<=", "LE"}, new String[] {"＞", "GT"}, new String[] {">", "GT"},
            new String[] {"＜", "LT"}, new String[] {"<", "LT"}, new String[] {"＝", "EQ"}, new String[] {"=", "EQ"},
            new String[] {"不少于", "GE"}, new String[] {"不低于", "GE"}, new String[] {"至少", "GE"}, new String[] {"大于等于", "GE"},
            new String[] {"不超过", "LE"}, new String[] {"不高于", "LE"}, new String[] {"不多于", "LE"}, new String[] {"小于等于", "LE"},
            new String[] {"超过", "GT"}, new String[] {"高于", "GT"}, new String[] {"大于", "GT"}, new String[] {"多于", "GT"},
            new String[] {"低于", "LT"}, new String[] {"少于", "LT"}, new String[] {"小于", "LT"});
    private static final List<String[]> SUFFIXES = List.of(
            new String[] {"或以上", "GE"}, new String[] {"及以上", "GE"}, new String[] {"以上", "GE"},
            new String[] {"或以下", "LE"}, new String[] {"及以下", "LE"}, new String[] {"以下", "LE"});

    /** True when the target says how much; false for a qualitative target such as 提升 or 按需. */
    public boolean quantitative() {
        return value != null;
    }

    /**
     * Reads a target. Empty when it cannot be read: blank, or more than one number
     * (a range such as {@code 1-2次} is not one target).
     */
    public static Optional<TargetReading> read(String raw) {
        String text = raw == null ? "" : raw.strip();
        if (text.isEmpty()) {
            return Optional.empty();
        }
        Matcher number = NUMBER.matcher(text);
        if (!number.find()) {
            return Optional.of(new TargetReading(raw, null, null, null, text));
        }
        String before = text.substring(0, number.start()).strip();
        String after = text.substring(number.end()).strip();
        if (NUMBER.matcher(after).find()) {
            return Optional.empty();
        }
        // a minus sign (ASCII, typographic or full-width) makes the number negative: -61% is no 61%
        BigDecimal value = new BigDecimal(number.group());
        if (!before.isEmpty() && "-−－".indexOf(before.charAt(before.length() - 1)) >= 0) {
            value = value.negate();
            before = before.substring(0, before.length() - 1).strip();
        }
        Comparator comparator = Comparator.EQ;
        for (String[] prefix : PREFIXES) {
            if (before.endsWith(prefix[0])) {
                comparator = Comparator.valueOf(prefix[1]);
                break;
            }
        }
        String unit = null;
        for (String candidate : UNITS) {
            if (after.startsWith(candidate)) {
                unit = candidate.equals("％") ? "%" : candidate;
                after = after.substring(candidate.length()).strip();
                break;
            }
        }
        for (String[] suffix : SUFFIXES) {
            if (after.startsWith(suffix[0])) {
                comparator = Comparator.valueOf(suffix[1]);
                break;
            }
        }
        return Optional.of(new TargetReading(raw, comparator, value, unit, null));
    }
}
