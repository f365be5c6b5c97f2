package org.publicbudget.ledger.domain.project;

import java.math.BigDecimal;
import java.text.Normalizer;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.TreeMap;
import org.publicbudget.ledger.domain.BudgetRuleViolation;
import org.publicbudget.ledger.domain.Texts;
import org.publicbudget.ledger.domain.indicator.IndicatorCategory;
import org.publicbudget.ledger.domain.money.Amounts;
import org.publicbudget.ledger.domain.money.FundingSource;
import org.publicbudget.ledger.domain.project.api.Indicator;
import org.publicbudget.ledger.domain.project.api.ProjectLimits;

/** The checks of a project's commands that need nothing of its state but what they are given. */
final class ProjectRules {

    private ProjectRules() {
    }

    /** A date of the books: required, and within the project's fiscal year. */
    static LocalDate inFiscalYear(String field, LocalDate date, int fiscalYear) {
        if (date == null) {
            throw new BudgetRuleViolation(field, field + " is required: a date like " + fiscalYear + "-07-01");
        }
        if (date.getYear() != fiscalYear) {
            throw new BudgetRuleViolation(field, field + " " + date + " is outside fiscal year " + fiscalYear + " of this project");
        }
        return date;
    }

    /**
     * The date of a reversal: the one given, within the fiscal year and not before the
     * payment; without one, today (UTC) — the last day of the fiscal year once that year
     * has ended, and never before the payment.
     */
    static LocalDate reversalDate(LocalDate given, LocalDate today, LocalDate paidOn, int fiscalYear) {
        if (given == null) {
            LocalDate last = LocalDate.of(fiscalYear, 12, 31);
            LocalDate within = today.isAfter(last) ? last : today;
            return paidOn != null && within.isBefore(paidOn) ? paidOn : within;
        }
        inFiscalYear("reversedOn", given, fiscalYear);
        if (paidOn != null && given.isBefore(paidOn)) {
            throw new BudgetRuleViolation("reversedOn", "reversedOn " + given + " is before the payment, made on " + paidOn);
        }
        return given;
    }

    /** The payee (收款人) of a payment, as the books print it: optional, at most {@value ProjectLimits#PAYEE_LENGTH} characters. */
    static String payee(String given) {
        if (given != null && given.strip().length() > ProjectLimits.PAYEE_LENGTH) {
            throw new BudgetRuleViolation("payee", ProjectLimits.longerThan("payee", ProjectLimits.PAYEE_LENGTH));
        }
        String payee = Texts.optional("payee", given);
        return payee.isEmpty() ? null : payee;
    }

    /**
     * A class of the government expenditure economic classification (政府支出经济分类): its
     * three-digit class (302) or five-digit item (30201), optional; full-width digits are read as digits.
     */
    static String economicClass(String given) {
        // typed with a Chinese input method's full-width digits (３０２０１), it is the same class
        String code = Normalizer.normalize(Texts.optional("economicClass", given), Normalizer.Form.NFKC);
        if (code.isEmpty()) {
            return null;
        }
        if (!ECONOMIC_CLASS.matcher(code).matches()) {
            throw new BudgetRuleViolation("economicClass", "economicClass must be a class of the government expenditure economic "
                    + "classification: three digits (302) or five (30201)");
        }
        return code;
    }

    private static final java.util.regex.Pattern ECONOMIC_CLASS = java.util.regex.Pattern.compile("[0-9]{3}([0-9]{2})?");

    /**
     * A voucher number: what the books print, so nothing a reader cannot see — no joiner,
     * variation selector, filler or tag that would make one voucher look like two.
     */
    static String voucher(String field, String given) {
        if (given != null && given.strip().length() > ProjectLimits.VOUCHER_LENGTH) {
            throw new BudgetRuleViolation(field, ProjectLimits.longerThan(field, ProjectLimits.VOUCHER_LENGTH));
        }
        // a voucher typed with its accents decomposed (NFD) is the same voucher composed; what stays a mark after NFC is hidden
        String voucherNo = Normalizer.normalize(Texts.required(field, given), Normalizer.Form.NFC);
        voucherNo.codePoints().filter(ProjectRules::unseen).findFirst().ifPresent(unseen -> {
            throw new BudgetRuleViolation(field, field + " holds a character that cannot be seen (U+"
                    + Integer.toHexString(unseen).toUpperCase(Locale.ROOT) + "); give the voucher number as printed");
        });
        return voucherNo;
    }

    private static boolean unseen(int codePoint) {
        return switch (Character.getType(codePoint)) {
            case Character.FORMAT, Character.NON_SPACING_MARK, Character.ENCLOSING_MARK, Character.LINE_SEPARATOR,
                    Character.PARAGRAPH_SEPARATOR, Character.CONTROL -> true;
            default -> codePoint == 0x115F || codePoint == 0x1160 || codePoint == 0x3164 || codePoint == 0xFFA0 || codePoint == 0x2800;
        };
    }
    /** Indicators of an import: numbered once each, with a name; category codes kept as printed. */
    static List<Indicator> validIndicators(List<Indicator> given) {
        if (given == null) {
            return List.of();
        }
        TreeMap<Integer, Indicator> byNumber = new TreeMap<>();
        for (Indicator indicator : given) {
            String field = "indicators[" + indicator.no() + "]";
            if (indicator.no() < 1 || byNumber.containsKey(indicator.no())) {
                throw new BudgetRuleViolation(field, "indicator numbers must be 1 or more and used once");
            }
            if (indicator.level1() == null || !indicator.level1().matches("[0-9]")
                    || indicator.level2() == null || !indicator.level2().matches("[0-9]{2}")) {
                throw new BudgetRuleViolation(field, "indicator codes must be one digit (level 1) and two digits (level 2)");
            }
            byNumber.put(indicator.no(), new Indicator(indicator.no(), indicator.level1(), indicator.level2(),
                    Texts.required(field + ".name", indicator.name()),
                    Texts.optional(field + ".periodTarget", indicator.periodTarget()),
                    Texts.optional(field + ".annualTarget", indicator.annualTarget())));
        }
        return List.copyOf(byNumber.values());
    }
    /** An indicator as the API may write it: a known level-1 code and a level-2 code of that group. */
    static Indicator validIndicator(int no, String level1Code, String level2Code, String indicatorName,
            String periodTarget, String annualTarget) {
        String level1 = Texts.required("level1", level1Code);
        String level2 = Texts.required("level2", level2Code);
        if (IndicatorCategory.level1Label(level1).isEmpty()) {
            throw new BudgetRuleViolation("level1", "level1 must be 1 (产出指标), 2 (效益指标) or 3 (满意度指标)");
        }
        IndicatorCategory category = IndicatorCategory.ofLevel2(level2)
                .orElseThrow(() -> new BudgetRuleViolation("level2", "level2 " + level2 + " is not a category of the framework"));
        if (!category.level1().equals(level1)) {
            throw new BudgetRuleViolation("level2",
                    "level2 " + level2 + " (" + category.label() + ") belongs to level1 " + category.level1() + ", not " + level1);
        }
        if (no < 1) {
            throw new BudgetRuleViolation("no", "no must be 1 or more");
        }
        return new Indicator(no, level1, level2, Texts.required("name", indicatorName),
                Texts.optional("periodTarget", periodTarget), Texts.optional("annualTarget", annualTarget));
    }
    static FundingSource requiredSource(FundingSource source) {
        if (source == null) {
            throw new BudgetRuleViolation("fundingSource", ProjectLimits.FUNDING_SOURCE_REQUIRED);
        }
        return source;
    }
    static BigDecimal positive(BigDecimal amount) {
        BigDecimal valid = Amounts.valid("amount", amount);
        if (valid.signum() == 0) {
            throw new BudgetRuleViolation("amount", "amount must be more than zero");
        }
        return valid;
    }
}
