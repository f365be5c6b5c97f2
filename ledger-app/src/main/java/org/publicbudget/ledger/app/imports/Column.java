package org.publicbudget.ledger.app.imports;

import java.util.Optional;

/**
 * The columns of a 项目支出绩效目标表, known by their titles wherever they stand: a PDF's
 * heading or a workbook's title row. The workbook with one row per indicator adds the
 * indicator's own columns.
 */
enum Column {
    NAME("项目名称"), TOTAL("总计"), FISCAL_APPROPRIATION("财政拨款"), SPECIAL_ACCOUNT("财政专户拨款"), OTHER("其他资金"),
    GOAL("绩效目标"), INDICATORS("绩效指标"),
    LEVEL1("一级指标"), LEVEL2("二级指标"), LEVEL3("三级指标"), PERIOD_TARGET("实施周期指标值"), ANNUAL_TARGET("年度指标值");

    private static final int MOST_TITLE_CHARACTERS = 20;

    /** The title as the published table prints it. */
    final String title;

    Column(String title) {
        this.title = title;
    }

    /**
     * The column a title names, read without its spaces and line breaks (a heading may
     * wrap, or print 资金来源 above the sources and 绩效指标 above the indicator's
     * columns); empty for any other text, such as a cell that mentions 年度指标值.
     */
    static Optional<Column> titled(String title) {
        String t = title.replaceAll("\\s+", "").replaceFirst("^(资金来源|绩效指标)(?=.)", "");
        if (t.length() > MOST_TITLE_CHARACTERS) {
            return Optional.empty();
        }
        if (t.startsWith(NAME.title)) {
            return Optional.of(NAME);
        }
        for (Column column : values()) {
            if (t.equals(column.title) || (column == PERIOD_TARGET || column == ANNUAL_TARGET) && t.startsWith(column.title)) {
                return Optional.of(column);
            }
        }
        if (t.equals("合计") || t.equals("金额合计")) {
            return Optional.of(TOTAL);
        }
        // 绩效目标, 年度绩效目标, 项目目标
        if (t.endsWith("目标") && t.length() <= 6) {
            return Optional.of(GOAL);
        }
        return Optional.empty();
    }

    boolean isAmount() {
        return this == TOTAL || this == FISCAL_APPROPRIATION || this == SPECIAL_ACCOUNT || this == OTHER;
    }
}
