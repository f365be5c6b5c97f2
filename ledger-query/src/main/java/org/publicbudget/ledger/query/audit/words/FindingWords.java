package org.publicbudget.ledger.query.audit.words;

import java.util.List;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A finding's message in Chinese, for the Chinese page: the import wrote each in English
 * into its event, in a few fixed shapes; each shape has its Chinese wording here, with
 * the document's own names, codes and amounts carried over as they are. A message in no
 * known shape (an older import's) has no Chinese words, and the page shows it as written.
 */
public final class FindingWords {

    private record Shape(Pattern english, Function<Matcher, String> chinese) {
    }

    private static final String AMOUNT = "(-?[0-9.]+)";
    private static final String INDICATOR = "^indicator (\\d+) of (.+?): ";

    private static final List<Shape> SHAPES = List.of(
            shape("^(project (.+) prints 总计|unit (.+) declares|the grand total \\(合计\\) declares) " + AMOUNT
                    + " but (its funding sources add up to|its projects add up to|the units' declared totals add up to|all projects add up to) "
                    + AMOUNT + ": variance ([+-]?[0-9.]+) 万元$",
                    m -> declared(m) + " " + m.group(4) + "，但" + computed(m.group(5)) + " " + m.group(6) + "，差额 " + m.group(7) + " 万元"),
            shape("^the row (.+) is printed twice; the complete copy is kept$", m -> "“" + m.group(1) + "”一行印了两次，保留完整的一份"),
            shape("^lines (\\d+)–(\\d+) repeat project (.+?)( \\(garbled\\))?; the copy at lines (\\d+)–(\\d+) is kept$",
                    m -> "第 " + m.group(1) + "–" + m.group(2) + " 行重复了项目“" + m.group(3) + "”" + (m.group(4) == null ? "" : "（有乱码）")
                            + "；保留第 " + m.group(5) + "–" + m.group(6) + " 行的一份"),
            shape(INDICATOR + "level-2 code (\\S+) is not in the framework$",
                    m -> indicator(m) + "二级指标代码 " + m.group(3) + " 不在指标体系中"),
            shape(INDICATOR + "(\\S+) (\\S+) belongs to level 1 (\\S+) \\((.*)\\), but is printed under (\\S+) \\((.*)\\)$",
                    m -> indicator(m) + m.group(3) + " " + m.group(4) + " 属于一级指标 " + m.group(5) + "（" + m.group(6) + "），却印在 "
                            + m.group(7) + "（" + m.group(8) + "）下"),
            shape(INDICATOR + "period target (.*) but annual target (.*)$",
                    m -> indicator(m) + "实施期目标“" + m.group(3) + "”与年度目标“" + m.group(4) + "”不同"),
            shape(INDICATOR + "target \"(.*)\" cannot be read$", m -> indicator(m) + "目标值“" + m.group(3) + "”无法解读"),
            shape("^project (.+) comes before any unit row; it is placed in unit (.+)$",
                    m -> "项目“" + m.group(1) + "”出现在所有单位行之前，已归入单位“" + m.group(2) + "”"),
            shape("^not an amount in (\\S+): (.*)$", m -> m.group(1) + " 列中不是金额：" + m.group(2)),
            prefix("a project before any unit: ", "出现在所有单位行之前的项目："),
            prefix("a row that is neither a unit nor a project: ", "既非单位也非项目的行："),
            prefix("amounts without a project name: ", "没有项目名称的金额："),
            prefix("more amounts than the table has columns: ", "金额多于表格的列数："),
            prefix("text outside the table: ", "表格以外的文字："),
            prefix("indicator text that could not be read: ", "无法解读的指标文字："),
            prefix("scattered punctuation: ", "零散的标点："));

    private FindingWords() {
    }

    /** The message in Chinese, or null when it is in no known shape. */
    public static String zh(String message) {
        for (Shape shape : SHAPES) {
            Matcher matcher = shape.english().matcher(message);
            if (matcher.matches()) {
                return shape.chinese().apply(matcher);
            }
        }
        return null;
    }

    private static Shape shape(String english, Function<Matcher, String> chinese) {
        return new Shape(Pattern.compile(english), chinese);
    }

    private static Shape prefix(String english, String chinese) {
        return shape("^" + Pattern.quote(english) + "(.*)$", m -> chinese + m.group(1));
    }

    private static String declared(Matcher m) {
        if (m.group(2) != null) {
            return "项目“" + m.group(2) + "”所印总计";
        }
        return m.group(3) != null ? "单位“" + m.group(3) + "”申报" : "合计申报";
    }

    private static String computed(String english) {
        return switch (english) {
            case "its funding sources add up to" -> "各资金来源相加为";
            case "its projects add up to" -> "其项目相加为";
            case "the units' declared totals add up to" -> "各单位申报数相加为";
            default -> "全部项目相加为";
        };
    }

    private static String indicator(Matcher m) {
        return "项目“" + m.group(2) + "”第 " + m.group(1) + " 项指标：";
    }
}
