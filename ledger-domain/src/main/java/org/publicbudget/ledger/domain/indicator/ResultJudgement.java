package org.publicbudget.ledger.domain.indicator;

import java.util.Optional;

/**
 * Whether a reported result meets its indicator's target (绩效运行监控, 绩效自评):
 * {@code met} true or false where the ledger can decide it, null where it cannot — with
 * the reason either way, so that an auditor sees why. Numbers are compared exactly; a
 * result without a unit is read in the target's unit; a qualitative target (提升, 按时)
 * is left to a person, as is a result in another unit than its target's.
 */
public record ResultJudgement(Boolean met, String reason) {

    public static ResultJudgement of(String target, String actual) {
        Optional<TargetReading> goal = TargetReading.read(target);
        Optional<TargetReading> result = TargetReading.read(actual);
        if (goal.isEmpty()) {
            return new ResultJudgement(null, "the target cannot be read: " + target);
        }
        if (!goal.get().quantitative()) {
            return new ResultJudgement(null, "the target is qualitative (" + goal.get().qualitative() + "): a person judges it");
        }
        if (result.isEmpty() || !result.get().quantitative()) {
            return new ResultJudgement(null, "the result is not a number: " + actual);
        }
        TargetReading wanted = goal.get();
        TargetReading got = result.get();
        if (got.unit() != null && wanted.unit() != null && !got.unit().equals(wanted.unit())) {
            return new ResultJudgement(null, "the result is in " + got.unit() + ", the target in " + wanted.unit());
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
        return new ResultJudgement(met, got.value().toPlainString() + unit + (met ? " meets " : " does not meet ")
                + wanted.comparator().symbol() + " " + wanted.value().toPlainString() + unit);
    }
}
