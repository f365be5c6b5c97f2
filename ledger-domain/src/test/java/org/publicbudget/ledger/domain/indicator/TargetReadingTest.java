package org.publicbudget.ledger.domain.indicator;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class TargetReadingTest {

    @ParameterizedTest(name = "{0} reads as {1} {2} {3}")
    @CsvSource(nullValues = "none", value = {
            "100%, EQ, 100, %",
            "＞80%, GT, 80, %",
            "≥85%, GE, 85, %",
            "85%或以上, GE, 85, %",
            "90%以上, GE, 90, %",
            "5%以下, LE, 5, %",
            "不少于2次, GE, 2, 次",
            "不少于2次防火, GE, 2, 次",
            "12次, EQ, 12, 次",
            "18.5万, EQ, 18.5, 万",
            "1万元, EQ, 1, 万元",
            "2, EQ, 2, none",
            "＞2次, GT, 2, 次",
            "5个, EQ, 5, 个",
            "验收合格率90%以上, GE, 90, %"})
    void quantitativeTargets(String raw, TargetReading.Comparator comparator, String value, String unit) {
        TargetReading reading = TargetReading.read(raw).orElseThrow();
        assertThat(reading.quantitative()).isTrue();
        assertThat(reading.comparator()).isEqualTo(comparator);
        assertThat(reading.value()).isEqualByComparingTo(new BigDecimal(value));
        assertThat(reading.unit()).isEqualTo(unit);
        assertThat(reading.raw()).isEqualTo(raw);
    }

    @ParameterizedTest
    @ValueSource(strings = {"提升", "按需", "合规", "年度计划数", "根据年度工作计划和总结确定", "否"})
    void qualitativeTargetsKeepTheirText(String raw) {
        TargetReading reading = TargetReading.read(raw).orElseThrow();
        assertThat(reading.quantitative()).isFalse();
        assertThat(reading.qualitative()).isEqualTo(raw);
        assertThat(reading.comparator()).isNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "  ", "1-2次", "2024年12月"})
    void unreadableTargets(String raw) {
        assertThat(TargetReading.read(raw)).isEmpty();
    }
}
