package org.publicbudget.ledger.domain.indicator;

import java.util.Arrays;
import java.util.Optional;

/**
 * The Ministry of Finance performance-indicator framework: each level-2 category
 * (二级指标) belongs to exactly one level-1 category (一级指标).
 */
public enum IndicatorCategory {
    QUANTITY("1", "11", "数量指标"),
    QUALITY("1", "12", "质量指标"),
    TIMELINESS("1", "13", "时效指标"),
    COST("1", "14", "成本指标"),
    ECONOMIC_BENEFIT("2", "21", "经济效益"),
    SOCIAL_BENEFIT("2", "22", "社会效益"),
    ECOLOGICAL_BENEFIT("2", "23", "生态效益"),
    SUSTAINABLE_IMPACT("2", "24", "可持续影响"),
    BENEFICIARY_SATISFACTION("3", "31", "服务对象满意度");

    private final String level1;
    private final String level2;
    private final String label;

    IndicatorCategory(String level1, String level2, String label) {
        this.level1 = level1;
        this.level2 = level2;
        this.label = label;
    }

    public String level1() {
        return level1;
    }

    public String level2() {
        return level2;
    }

    public String label() {
        return label;
    }

    /** Level-1 names: 1 产出指标, 2 效益指标, 3 满意度指标. */
    public static Optional<String> level1Label(String level1) {
        return switch (level1 == null ? "" : level1) {
            case "1" -> Optional.of("产出指标");
            case "2" -> Optional.of("效益指标");
            case "3" -> Optional.of("满意度指标");
            default -> Optional.empty();
        };
    }

    public static Optional<IndicatorCategory> ofLevel2(String level2) {
        return Arrays.stream(values()).filter(c -> c.level2.equals(level2)).findFirst();
    }
}
