package org.publicbudget.ledger.domain.indicator;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ResultJudgementTest {

    @ParameterizedTest(name = "{1} against {0}: {2}")
    @CsvSource({
        "100%, 100%, true", "100%, 99.9%, false", "≥85%, 85%, true", "≥85%, 84.99%, false", "＞80%, 80%, false", "＞80%, 80.5%, true",
        "85%或以上, 90%, true", "不少于2次, 2次, true", "不少于2次, 1次, false", "≤5天, 5天, true", "≤5天, 6天, false", "<3次, 2次, true",
        "18.5万元, 18.50万元, true", "2次, 2, true", "≥90%, ≥92%, true", "＞60%, -61%, false", "＞60%, −61%, false", "≥2次, －3次, false",
        "≤-5%, -6%, true"})
    void aNumberIsComparedExactlyAsTheTargetSays(String target, String actual, boolean met) {
        ResultJudgement judged = ResultJudgement.of(target, actual);

        assertThat(judged.met()).isEqualTo(met);
        assertThat(judged.reason()).contains(met ? " meets " : " does not meet ");
        assertThat(judged.reasonZh()).startsWith("完成值").contains(met ? "达到指标值" : "未达到指标值");
    }

    @Test
    void whatCannotBeDecidedIsLeftOpenWithItsReason() {
        assertThat(ResultJudgement.of("提升", "有所提升")).isEqualTo(new ResultJudgement(null, "the target is qualitative (提升): a person judges it", "定性指标（提升），需人工判断"));
        assertThat(ResultJudgement.of("≥85%", "84.99%").reasonZh()).isEqualTo("完成值84.99%未达到指标值≥85%");
        assertThat(ResultJudgement.of("不少于2次", "2次").reasonZh()).as("the target as printed").isEqualTo("完成值2次达到指标值不少于2次");
        assertThat(ResultJudgement.of("≥85%", "基本完成").met()).isNull();
        assertThat(ResultJudgement.of("≥85%", "基本完成").reason()).isEqualTo("the result is not a number: 基本完成");
        assertThat(ResultJudgement.of("2次", "3个").reason()).isEqualTo("the result is in 个, the target in 次");
        assertThat(ResultJudgement.of("2次", "3个").reasonZh()).isEqualTo("完成值的单位是个，指标值的单位是次，需人工判断");
        assertThat(ResultJudgement.of("1-2次", "2次").reason()).startsWith("the target cannot be read");
    }
}
