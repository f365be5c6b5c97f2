package org.publicbudget.ledger.app.imports;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.EnumSet;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.publicbudget.ledger.domain.indicator.ResultJudgement;
import org.publicbudget.ledger.domain.indicator.TargetReading;

/**
 * Results judged against the seed's own 243 annual targets (157 of them quantitative):
 * a result exactly at the target meets =, ≥ and ≤ and not ＞ or ＜; one a unit above
 * meets ≥ and ＞ and not =, ≤ or ＜; a qualitative or unreadable target is left open.
 */
class SeedTargetsJudgedTest {

    @Test
    void everyTargetOfTheSeedJudgesAResultAtItAndAboveIt() {
        Set<TargetReading.Comparator> comparators = EnumSet.noneOf(TargetReading.Comparator.class);
        Set<String> units = new TreeSet<>();
        int quantitative = 0;
        int open = 0;
        for (Extracted.Unit unit : DocumentReview.review(DocumentParser.parse(Seed.text())).units()) {
            for (Extracted.Project project : unit.projects()) {
                for (Extracted.Indicator indicator : project.indicators()) {
                    TargetReading target = TargetReading.read(indicator.annualTarget()).orElse(null);
                    if (target == null || !target.quantitative()) {
                        assertThat(ResultJudgement.of(indicator.annualTarget(), "已完成").met()).as(indicator.annualTarget()).isNull();
                        open++;
                        continue;
                    }
                    quantitative++;
                    comparators.add(target.comparator());
                    units.add(String.valueOf(target.unit()));
                    String unitText = target.unit() == null ? "" : target.unit();
                    ResultJudgement at = ResultJudgement.of(indicator.annualTarget(), target.value().toPlainString() + unitText);
                    ResultJudgement above = ResultJudgement.of(indicator.annualTarget(), target.value().add(BigDecimal.ONE).toPlainString() + unitText);
                    switch (target.comparator()) {
                        case EQ -> assertThat(new Boolean[] {at.met(), above.met()}).as(indicator.annualTarget()).containsExactly(true, false);
                        case GE -> assertThat(new Boolean[] {at.met(), above.met()}).as(indicator.annualTarget()).containsExactly(true, true);
                        case GT -> assertThat(new Boolean[] {at.met(), above.met()}).as(indicator.annualTarget()).containsExactly(false, true);
                        case LE -> assertThat(new Boolean[] {at.met(), above.met()}).as(indicator.annualTarget()).containsExactly(true, false);
                        case LT -> assertThat(new Boolean[] {at.met(), above.met()}).as(indicator.annualTarget()).containsExactly(false, false);
                    }
                }
            }
        }
        System.out.printf("seed targets judged: %d quantitative (comparators %s, units %s), %d left to a person%n", quantitative, comparators,
                units, open);
        assertThat(quantitative + open).isEqualTo(243);
        assertThat(comparators).contains(TargetReading.Comparator.EQ, TargetReading.Comparator.GE, TargetReading.Comparator.GT,
                TargetReading.Comparator.LE);
        assertThat(units).as("percentages, counts and money").contains("%", "次", "万元");
        assertThat(open).isPositive();
    }
}
