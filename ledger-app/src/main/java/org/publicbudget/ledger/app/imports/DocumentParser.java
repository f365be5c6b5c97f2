package org.publicbudget.ledger.app.imports;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.publicbudget.ledger.domain.money.Amounts;
import org.publicbudget.ledger.domain.money.FundingSource;

/**
 * Reads the text extracted from a 项目支出绩效目标表 PDF. The extraction keeps the
 * table's columns as narrow runs of lines, so the rules here are about that layout,
 * never about one document's content:
 * <ul>
 *   <li>a row is a run of short name lines (the first often indented), then a line of
 *       amounts with two decimals (总计 first, then the funding-source columns in order),
 *       then the row's goal and indicator text;</li>
 *   <li>a row with no text after its amounts is a unit (资金使用单位) row; a row with text
 *       is a project of the unit above it;</li>
 *   <li>the goal column is narrow (about 20 characters), the indicator column wide
 *       (about 30): a block of narrow lines without indicator markers inside the
 *       indicator text is goal text the layout pushed there;</li>
 *   <li>anything that fits none of this is reported as {@link Finding.Kind#UNPLACED_TEXT}.</li>
 * </ul>
 * Page repeats and reconciliation are judged afterwards, on the rows read here.
 */
public final class DocumentParser {

    /** Display width (CJK = 2) of the widest name-column line. */
    static final int NAME_WIDTH = 14;
    /** Display width of the widest goal-column line; indicator lines are wider. */
    static final int GOAL_WIDTH = 44;
    /** A narrow marker-less run shorter than this, alone, is the tail of an indicator, not goal text. */
    static final int GOAL_LINE_MIN_WIDTH = 30;

    private static final String AMOUNT = "(?:[0-9]{1,3}(?:,[0-9]{3})+|[0-9]+)\\.[0-9]{2}";
    /** A row's amounts at the end of a line; a number is never split between the name and the amounts. */
    private static final Pattern AMOUNT_LINE = Pattern.compile("^(.*?)\\s*(?<![0-9,.])(" + AMOUNT + "(?:\\s+" + AMOUNT + ")*)\\s*$");
    /** Cheap test first: only a line ending in two decimals can be a row of amounts. */
    private static final Pattern ENDS_WITH_AMOUNT = Pattern.compile("\\.[0-9]{2}\\s*$");
    private static final Pattern DEPARTMENT = Pattern.compile("^\\s*部门名称\\s*[:：]\\s*(.*)$");
    private static final Pattern HEADER_WORDS = Pattern.compile(
            "^[\\s项目名称（()）资金使用单位总计财政拨款专户其他绩效目标指标含转移支付表:：万元]*$");
    private static final Pattern INDICATOR_START = Pattern.compile("^\\s*[0-9]{1,2}\\s*、\\s*[0-9]\\s*-");
    /** Words only the indicator column prints; goal text may use 指标 or ； but not these. */
    private static final Pattern INDICATOR_MARKER = Pattern.compile(
            "指标值|实施周期|[0-9]\\s*、\\s*[0-9]\\s*-|(产出|效益|满意度)指标|[0-9]{2}\\s*-\\s*(数量|质量|时效|成本|经济|社会|生态|可持续|服务对象)");
    private static final Pattern PUNCTUATION_ONLY = Pattern.compile("^[\\p{P}\\p{S}\\s]+$");
    private final List<String> lines;
    private final List<Finding> findings = new ArrayList<>();

    private DocumentParser(String text) {
        this.lines = lines(text);
    }

    /** The document's lines as findings number them, from 1. */
    static List<String> lines(String text) {
        return List.of(text.replace("\r\n", "\n").replace('\r', '\n').split("\n", -1));
    }

    /** Never throws: text that is not a budget table comes back with {@code budgetTable} false. */
    public static Extracted.Document parse(String text) {
        return new DocumentParser(text == null ? "" : text).read();
    }

    private record Row(int firstLine, int amountLine, String name, List<BigDecimal> amounts, List<Integer> content) {
    }

    private Extracted.Document read() {
        List<Integer> amountLines = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            if (amountsOf(i) != null) {
                amountLines.add(i);
            }
        }
        String department = department();
        BigDecimal grandTotal = null;
        int grandTotalLine = 0;
        List<Row> rows = new ArrayList<>();
        int consumedUpTo = 0;
        for (int k = 0; k < amountLines.size(); k++) {
            int at = amountLines.get(k);
            Matcher m = AMOUNT_LINE.matcher(lines.get(at));
            m.matches();
            String head = m.group(1).strip();
            if (head.equals("合计") || head.equals("总计")) {
                grandTotal = amountsOf(at).get(0);
                grandTotalLine = at + 1;
                consumedUpTo = at + 1;
                continue;
            }
            int first = nameStart(at, consumedUpTo);
            if (!rows.isEmpty()) {
                Row previous = rows.remove(rows.size() - 1);
                rows.add(new Row(previous.firstLine, previous.amountLine, previous.name, previous.amounts,
                        nonBlank(previous.amountLine + 1, first)));
            } else {
                reportUnplacedHeader(first, department);
            }
            StringBuilder name = new StringBuilder();
            for (int i = first; i < at; i++) {
                name.append(lines.get(i).strip());
            }
            name.append(head);
            rows.add(new Row(first, at, name.toString(), amountsOf(at), List.of()));
            consumedUpTo = at + 1;
        }
        if (!rows.isEmpty()) {
            Row last = rows.remove(rows.size() - 1);
            rows.add(new Row(last.firstLine, last.amountLine, last.name, last.amounts, nonBlank(last.amountLine + 1, lines.size())));
        } else if (grandTotal == null && department == null) {
            return new Extracted.Document(false, null, null, 0, List.of(), List.of());
        }
        List<Extracted.Unit> units = group(rows, department);
        return new Extracted.Document(!units.isEmpty() || grandTotal != null, department, grandTotal, grandTotalLine,
                units, findings);
    }

    /** 部门名称：… , continued on the following lines until the next header line. */
    private String department() {
        for (int i = 0; i < lines.size(); i++) {
            Matcher m = DEPARTMENT.matcher(lines.get(i));
            if (m.matches()) {
                StringBuilder name = new StringBuilder(m.group(1).strip());
                for (int j = i + 1; j < lines.size(); j++) {
                    String next = lines.get(j).strip();
                    if (next.isEmpty()) {
                        continue;
                    }
                    if (next.startsWith("单位") || HEADER_WORDS.matcher(next).matches() || amountsOf(j) != null
                            || width(next) > NAME_WIDTH) {
                        break;
                    }
                    name.append(next);
                }
                return name.isEmpty() ? null : name.toString();
            }
        }
        return null;
    }

    /** Lines before the first row that are not title, department, unit of measure or column headings. */
    private void reportUnplacedHeader(int to, String department) {
        boolean inDepartment = false;
        for (int i = 0; i < to; i++) {
            String text = lines.get(i).strip();
            if (text.isEmpty() || amountsOf(i) != null) {
                continue;
            }
            if (DEPARTMENT.matcher(text).matches()) {
                inDepartment = true;
                continue;
            }
            boolean departmentTail = inDepartment && department != null && department.contains(text);
            if (departmentTail || text.startsWith("单位") || text.contains("绩效目标表") || HEADER_WORDS.matcher(text).matches()) {
                continue;
            }
            inDepartment = false;
            findings.add(new Finding(Finding.Kind.UNPLACED_TEXT, i + 1, "text outside the table: " + Finding.clip(text)));
        }
    }

    /** Walks back from an amount line over the short lines of the name column; an indented line is the name's first. */
    private int nameStart(int amountLine, int floor) {
        int first = amountLine;
        for (int i = amountLine - 1; i >= floor; i--) {
            String raw = lines.get(i);
            String text = raw.strip();
            if (text.isEmpty()) {
                continue;
            }
            if (!isNameFragment(text)) {
                break;
            }
            first = i;
            if (raw.startsWith(" ") || raw.startsWith("\t") || raw.startsWith("\u3000")) {
                break;
            }
        }
        return first;
    }

    private static boolean isNameFragment(String text) {
        return width(text) <= NAME_WIDTH && !text.endsWith("。") && !PUNCTUATION_ONLY.matcher(text).matches()
                && !INDICATOR_MARKER.matcher(text).find() && !text.contains("：") && !text.contains(":");
    }

    /** The amounts of a row line, or null when the line is not one. */
    private List<BigDecimal> amountsOf(int index) {
        String line = lines.get(index);
        if (!ENDS_WITH_AMOUNT.matcher(line).find()) {
            return null;
        }
        Matcher m = AMOUNT_LINE.matcher(line);
        if (!m.matches()) {
            return null;
        }
        String head = m.group(1).strip();
        if (!head.isEmpty() && !head.equals("合计") && !head.equals("总计") && !isNameFragment(head)) {
            return null;
        }
        List<BigDecimal> amounts = new ArrayList<>();
        for (String part : m.group(2).trim().split("\\s+")) {
            amounts.add(new BigDecimal(part.replace(",", "")));
        }
        return amounts;
    }

    private List<Integer> nonBlank(int from, int to) {
        List<Integer> result = new ArrayList<>();
        for (int i = from; i < to; i++) {
            if (!lines.get(i).isBlank()) {
                result.add(i);
            }
        }
        return result;
    }

    /** Unit rows (no text after their amounts) open a unit; project rows belong to the unit above them. */
    private List<Extracted.Unit> group(List<Row> rows, String department) {
        List<Extracted.Unit> units = new ArrayList<>();
        String unitName = null;
        BigDecimal unitTotal = null;
        int unitLine = 0;
        List<Extracted.Project> projects = new ArrayList<>();
        for (Row row : rows) {
            if (row.content.isEmpty()) {
                if (unitName != null) {
                    units.add(new Extracted.Unit(unitName, unitTotal, unitLine, List.copyOf(projects)));
                }
                unitName = row.name;
                unitTotal = row.amounts.get(0);
                unitLine = row.amountLine + 1;
                projects = new ArrayList<>();
                continue;
            }
            if (unitName == null) {
                unitName = department == null ? "(no unit)" : department;
                unitLine = row.firstLine + 1;
                findings.add(new Finding(Finding.Kind.UNPLACED_TEXT, row.firstLine + 1,
                        "project " + row.name + " comes before any unit row; it is placed in unit " + unitName));
            }
            if (row.name.isEmpty()) {
                findings.add(new Finding(Finding.Kind.UNPLACED_TEXT, row.amountLine + 1,
                        "amounts without a project name: " + Finding.clip(lines.get(row.amountLine).strip())));
                continue;
            }
            projects.add(project(row));
        }
        if (unitName != null) {
            units.add(new Extracted.Unit(unitName, unitTotal, unitLine, List.copyOf(projects)));
        }
        return units;
    }

    private Extracted.Project project(Row row) {
        Map<FundingSource, BigDecimal> allocations = new EnumMap<>(FundingSource.class);
        FundingSource[] columns = FundingSource.values();
        for (FundingSource source : columns) {
            allocations.put(source, Amounts.canonical(BigDecimal.ZERO));
        }
        for (int i = 1; i < row.amounts.size() && i <= columns.length; i++) {
            allocations.put(columns[i - 1], Amounts.canonical(row.amounts.get(i)));
        }
        if (row.amounts.size() > columns.length + 1) {
            findings.add(new Finding(Finding.Kind.UNPLACED_TEXT, row.amountLine + 1,
                    "more amounts than the table has columns: " + Finding.clip(lines.get(row.amountLine).strip())));
        }
        int unplacedBefore = findings.size();
        List<Integer> goalLines = new ArrayList<>();
        List<Integer> indicatorLines = new ArrayList<>();
        splitColumns(row.content, goalLines, indicatorLines);
        StringBuilder goal = new StringBuilder();
        goalLines.forEach(i -> goal.append(lines.get(i).strip()));
        List<Extracted.Indicator> indicators = indicators(indicatorLines);
        int last = row.content.isEmpty() ? row.amountLine : row.content.get(row.content.size() - 1);
        boolean garbled = findings.size() > unplacedBefore;
        return new Extracted.Project(row.name, Amounts.canonical(row.amounts.get(0)), allocations, goal.toString(),
                indicators, row.firstLine + 1, last + 1, garbled);
    }

    /**
     * Goal text comes before the first indicator, or as a block of narrow lines pushed
     * into the indicator text. A lone closing mark (。) belongs to the text around it;
     * a line of nothing but scattered punctuation is debris of a garbled extraction.
     */
    private void splitColumns(List<Integer> content, List<Integer> goal, List<Integer> indicators) {
        boolean inIndicators = false;
        List<Integer> run = new ArrayList<>();
        for (int i : content) {
            String text = lines.get(i).strip();
            if (PUNCTUATION_ONLY.matcher(text).matches() && text.replaceAll("\\s", "").length() > 2) {
                findings.add(new Finding(Finding.Kind.UNPLACED_TEXT, i + 1, "scattered punctuation: " + Finding.clip(text)));
                continue;
            }
            boolean marked = INDICATOR_START.matcher(text).find() || INDICATOR_MARKER.matcher(text).find();
            if (!inIndicators && !marked) {
                goal.add(i);
                continue;
            }
            inIndicators = true;
            if (PUNCTUATION_ONLY.matcher(text).matches()) {
                (run.isEmpty() ? indicators : run).add(i);
            } else if (!marked && width(text) <= GOAL_WIDTH) {
                run.add(i);
            } else {
                flushRun(run, goal, indicators);
                indicators.add(i);
            }
        }
        flushRun(run, goal, indicators);
        goal.sort(Integer::compare);
        indicators.sort(Integer::compare);
    }

    private void flushRun(List<Integer> run, List<Integer> goal, List<Integer> indicators) {
        if (run.isEmpty()) {
            return;
        }
        boolean goalBlock = run.size() >= 2 || width(lines.get(run.get(0)).strip()) >= GOAL_LINE_MIN_WIDTH;
        (goalBlock ? goal : indicators).addAll(run);
        run.clear();
    }

    /** Joins the indicator column back into one text and reads its numbered records. */
    private List<Extracted.Indicator> indicators(List<Integer> indicatorLines) {
        StringBuilder text = new StringBuilder();
        List<Integer> lineAt = new ArrayList<>();
        for (int i : indicatorLines) {
            String part = lines.get(i).strip();
            text.append(part);
            for (int c = 0; c < part.length(); c++) {
                lineAt.add(i + 1);
            }
        }
        return IndicatorRecords.read(text.toString(), lineAt::get, findings);
    }

    /** Width as the PDF laid it out: CJK and full-width characters take two columns. */
    static int width(String text) {
        int width = 0;
        for (int i = 0; i < text.length(); ) {
            int cp = text.codePointAt(i);
            width += isWide(cp) ? 2 : 1;
            i += Character.charCount(cp);
        }
        return width;
    }

    private static boolean isWide(int cp) {
        Character.UnicodeScript script = Character.UnicodeScript.of(cp);
        return script == Character.UnicodeScript.HAN || (cp >= 0xFF01 && cp <= 0xFF60) || (cp >= 0x3000 && cp <= 0x303F)
                || (cp >= 0x2018 && cp <= 0x201D);
    }
}
