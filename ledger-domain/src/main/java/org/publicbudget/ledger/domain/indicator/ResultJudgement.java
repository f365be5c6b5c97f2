package org.publicbudget.ledger.domain.indicator;

import java.util.Optional;

/**
 * Whether a reported result meets its indicator's target (绩效运行监控, 绩效自评):
 * {@code met} true or false where the ledger can decide it, null where it cannot — with
 * the reason either way, so that an auditor sees why: in English ({@code reason}, as every
 * message of the API) and in the words of the self-evaluation form ({@code reasonZh}, its
 * 说明 column). Numbers are compared exactly; a result without a unit is read in the
 * target's unit; a qualitative target (提升, 按时) is left to a person, as is a result in
 * another unit than its target's.
 */
public record ResultJudgement(Boolean met, String reason, String reasonZh) {

    /** A result that left with its indicator. */
    public static final ResultJudgement REMOVED = new ResultJudgement(null, "the indicator was removed", "该指标已删除");

    public static ResultJudgement of(String target, String actual) {
        Optional<TargetReading> goal = TargetReading.read(target);
        Optional<TargetReading> result = TargetReading.read(actual);
        if (goal.isEmpty()) {
            return new ResultJudgement(null, "the target cannot be read: " + target, "指标值无法识别（" + target + "），需人工判断");
        }
        if (!goal.get().quantitative()) {
            String qualitative = goal.get().qualitative();
            return new ResultJudgement(null, "the target is qualitative (" + qualitative + "): a person judges it",
                    "定性指标（" + qualitative + "），需人工判断");
        }
        if (result.isEmpty() || !result.get().quantitative()) {
            return new ResultJudgement(null, "the result is not a number: " + actual, "完成值不是数值（" + actual + "），需人工判断");
        }
        TargetReading wanted = goal.get();
        TargetReading got = result.get();
        if (got.unit() != null && wanted.unit() != null && !got.unit().equals(wanted.unit())) {
            return new ResultJudgement(null, "the result is in " + got.unit() + ", the target in " + wanted.unit(),
                    "完成值的单位是" + got.unit() + "，指标值的单位是" + wanted.unit() + "，需人工判断");
        }
        int order = got.value().compareTo(wanted.value());
        boolean met = switch (wanted.comparator()) {
            case EQ -> order == 0;
            case GE -> order >= 0;
            case GT -> order > 0;
            case LE -> order <= 0;
            case LT -> order < 0;
        };
        String unit = wanted.unit() == null ? "" : wanted.unit();
        String gotText = got.value().toPlainString() + unit;
        return new ResultJudgement(met, gotText + (met ? " meets " : " does not meet ") + wanted.comparator().symbol() + " "
                + wanted.value().toPlainString() + unit, "完成值" + gotText + (met ? "达到" : "未达到") + "指标值" + target.strip());
    }
}
