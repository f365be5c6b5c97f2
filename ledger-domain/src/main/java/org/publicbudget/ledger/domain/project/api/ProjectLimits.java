package org.publicbudget.ledger.domain.project.api;

/**
 * The limits and words of a project's commands, declared once: the API refuses a
 * request with them before it becomes a command, and the aggregate refuses the same
 * command with them whoever sends it.
 */
public final class ProjectLimits {

    /** A result as reported (实际完成值): a sentence or two, not a report. */
    public static final int RESULT_LENGTH = 500;
    /** A voucher number (凭证号) as finance systems print it. */
    public static final int VOUCHER_LENGTH = 100;

    /** The longest payee name (收款人) a payment takes: an organisation's full registered name fits. */
    public static final int PAYEE_LENGTH = 200;
    public static final String PERIOD_REQUIRED = "period is required: MID_YEAR or ANNUAL";
    public static final String FUNDING_SOURCE_REQUIRED = "fundingSource is required: one of FISCAL_APPROPRIATION, SPECIAL_ACCOUNT, OTHER";

    private ProjectLimits() {
    }

    public static String longerThan(String field, int most) {
        return field + " is longer than " + most + " characters";
    }
}
