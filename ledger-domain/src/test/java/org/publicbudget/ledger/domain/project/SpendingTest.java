package org.publicbudget.ledger.domain.project;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Map;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.publicbudget.ledger.domain.money.FundingSource;
import org.publicbudget.ledger.domain.project.api.ExpenditureAccepted;
import org.publicbudget.ledger.domain.project.api.NoSuchExpenditure;
import org.publicbudget.ledger.domain.project.api.commands.ImportProject;
import org.publicbudget.ledger.domain.project.api.commands.RecordExpenditure;
import org.publicbudget.ledger.domain.project.api.commands.ReverseExpenditure;
import org.publicbudget.ledger.domain.project.api.commands.ReviseAllocation;
import org.publicbudget.ledger.domain.project.api.commands.TransferOut;
import org.publicbudget.ledger.domain.project.api.commands.WithdrawProject;
import org.publicbudget.ledger.domain.project.api.events.ExpenditureRecorded;
import org.publicbudget.ledger.domain.project.api.events.ExpenditureReversed;
import org.publicbudget.ledger.domain.project.api.events.ProjectCreated;

/** Payments against allocations: never more than a source holds, reversals, and allocations that may not go below what is paid. */
class SpendingTest {

    private static final String ID = "p-7";
    private static final FundingSource FISCAL = FundingSource.FISCAL_APPROPRIATION;
    private static final LocalDate PAID = LocalDate.of(2025, 3, 14);
    private static final LocalDate REVERSED = LocalDate.of(2025, 4, 2);

    private FixtureConfiguration<Project> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Project.class);
    }

    private static ProjectCreated created() {
        return new ProjectCreated(ID, "d", "石围塘街道办事处", 2025, "u", "街道办事处", "帮扶工作经费", "",
                Map.of(FISCAL, new BigDecimal("5.00"), FundingSource.SPECIAL_ACCOUNT, new BigDecimal("0.00"),
                        FundingSource.OTHER, new BigDecimal("1.00")));
    }

    private static ExpenditureRecorded paid(String id, String amount, String before, String after, String voucher) {
        return new ExpenditureRecorded(ID, "d", "u", id, FISCAL, new BigDecimal(amount), new BigDecimal(before), new BigDecimal(after),
                PAID, voucher, "调研差旅");
    }

    private static RecordExpenditure pay(String id, String amount, String voucher) {
        return new RecordExpenditure(ID, id, FISCAL, new BigDecimal(amount), PAID, voucher, "调研差旅");
    }

    @Test
    void aPaymentRecordsWhatTheSourceHasSpentBeforeAndAfter() {
        fixture.given(created(), paid("e-1", "1.25", "0.00", "1.25", "记-001"))
                .when(pay("e-2", "2.5", "记-002"))
                .expectEvents(paid("e-2", "2.50", "1.25", "3.75", "记-002"))
                .expectResultMessagePayload(new ExpenditureAccepted(ID, "e-2", 2, FISCAL, new BigDecimal("3.75"), new BigDecimal("1.25")));
    }

    @Test
    void aPaymentOfExactlyWhatIsAvailableIsAccepted() {
        fixture.given(created(), paid("e-1", "1.25", "0.00", "1.25", "记-001"))
                .when(pay("e-2", "3.75", "记-002"))
                .expectEvents(paid("e-2", "3.75", "1.25", "5.00", "记-002"));
    }

    @Test
    void aPaymentBeyondTheAvailableBalanceIsRefusedNamingTheBalance() {
        fixture.given(created(), paid("e-1", "1.25", "0.00", "1.25", "记-001"))
                .when(pay("e-2", "3.750001", "记-002"))
                .expectNoEvents()
                .expectException(RefusedFor.field("amount"))
                .expectExceptionMessage("the available balance of FISCAL_APPROPRIATION is 3.75 万元 (allocated 5.00, spent 1.25); "
                        + "a payment of 3.750001 would overspend it by 0.000001");
    }

    @Test
    void anotherSourcesMoneyIsNotAvailable() {
        fixture.given(created())
                .when(new RecordExpenditure(ID, "e-1", FundingSource.SPECIAL_ACCOUNT, new BigDecimal("0.01"), PAID, "记-1", "r"))
                .expectNoEvents()
                .expectException(RefusedFor.field("amount"));
    }

    @Test
    void aReversalGivesTheAmountBackAndKeepsThePayment() {
        fixture.given(created(), paid("e-1", "5.00", "0.00", "5.00", "记-001"))
                .when(new ReverseExpenditure(ID, "e-1", REVERSED, "红-001", "重复入账"))
                .expectEvents(new ExpenditureReversed(ID, "d", "u", "e-1", FISCAL, new BigDecimal("5.00"), new BigDecimal("5.00"),
                        new BigDecimal("0.00"), "记-001", REVERSED, "红-001", "重复入账"))
                .expectResultMessagePayload(new ExpenditureAccepted(ID, "e-1", 2, FISCAL, new BigDecimal("0.00"), new BigDecimal("5.00")));
    }

    /** Fiscal year 2025 has ended, so a reversal given no date is dated on its last day. */
    @Test
    void aReversalGivenNoDateIsDatedWithinItsFiscalYearAndMayHaveNoVoucher() {
        fixture.given(created(), paid("e-1", "5.00", "0.00", "5.00", "记-001"))
                .when(new ReverseExpenditure(ID, "e-1", null, null, "重复入账"))
                .expectEvents(new ExpenditureReversed(ID, "d", "u", "e-1", FISCAL, new BigDecimal("5.00"), new BigDecimal("5.00"),
                        new BigDecimal("0.00"), "记-001", LocalDate.of(2025, 12, 31), null, "重复入账"));
    }

    @Test
    void aReversalIsNeverDatedBeforeItsPayment() {
        LocalDate paidOn = LocalDate.of(2025, 4, 2);
        assertThat(ProjectRules.reversalDate(null, LocalDate.of(2025, 6, 30), paidOn, 2025)).isEqualTo(LocalDate.of(2025, 6, 30));
        assertThat(ProjectRules.reversalDate(null, LocalDate.of(2026, 3, 1), paidOn, 2025)).as("the year has ended")
                .isEqualTo(LocalDate.of(2025, 12, 31));
        assertThat(ProjectRules.reversalDate(null, LocalDate.of(2025, 4, 1), paidOn, 2025))
                .as("paid on a day that has begun in Beijing but not yet in UTC").isEqualTo(paidOn);
        fixture.given(created(), paid("e-1", "5.00", "0.00", "5.00", "记-001"))
                .when(new ReverseExpenditure(ID, "e-1", PAID.minusDays(1), "红-001", "r"))
                .expectNoEvents()
                .expectException(RefusedFor.field("reversedOn"));
    }

    @Test
    void aPaymentIsReversedOnlyOnce() {
        fixture.given(created(), paid("e-1", "5.00", "0.00", "5.00", "记-001"), new ExpenditureReversed(ID, "d", "u", "e-1", FISCAL,
                        new BigDecimal("5.00"), new BigDecimal("5.00"), new BigDecimal("0.00"), "记-001", REVERSED, "红-001", "重复入账"))
                .when(new ReverseExpenditure(ID, "e-1", REVERSED, "红-002", "again"))
                .expectNoEvents()
                .expectException(RefusedFor.field("expenditureId"));
    }

    @Test
    void anUnknownPaymentIsNotFound() {
        fixture.given(created())
                .when(new ReverseExpenditure(ID, "e-9", REVERSED, "红-9", "r"))
                .expectNoEvents()
                .expectException(NoSuchExpenditure.class);
    }

    @Test
    void aVoucherPaysOnceUntilItsPaymentIsReversed() {
        fixture.given(created(), paid("e-1", "1.00", "0.00", "1.00", "记-001"))
                .when(pay("e-2", "1.00", "记-001"))
                .expectNoEvents()
                .expectException(RefusedFor.field("voucherNo"));
        fixture.given(created(), paid("e-1", "1.00", "0.00", "1.00", "记-001"), new ExpenditureReversed(ID, "d", "u", "e-1", FISCAL,
                        new BigDecimal("1.00"), new BigDecimal("1.00"), new BigDecimal("0.00"), "记-001", REVERSED, "红-001", "金额有误"))
                .when(pay("e-2", "0.90", "记-001"))
                .expectEvents(paid("e-2", "0.90", "0.00", "0.90", "记-001"));
    }

    /**
     * A voucher that reads the same is the same voucher (full-width, an ideographic or
     * no-break space, spaces around); one that hides a character is refused.
     */
    @ParameterizedTest
    @ValueSource(strings = {"ＪＺ　００１", "JZ\u3000001", " JZ  001 ", "JZ\u00A0001", "JZ 001\uFE0F", "JZ 0\u034F01", "JZ 001\uDB40\uDC20",
        "JZ\u3164 001", "JZ 001\u2028", "JZ \u200B001"})
    void aVoucherThatReadsTheSameOrHidesACharacterIsRefused(String voucher) {
        fixture.given(created(), paid("e-1", "1.00", "0.00", "1.00", "JZ 001"))
                .when(pay("e-2", "1.00", voucher))
                .expectNoEvents()
                .expectException(RefusedFor.field("voucherNo"));
    }

    /** Lookalikes of a voucher paid: dashes, minus signs, Cyrillic and Greek letters that print as Latin ones, other case. */
    @ParameterizedTest
    @ValueSource(strings = {"记\u20130715\u2013003", "记\u22120715\u2212003", "记\u20100715\u2010003", "记\u20120715\u2012003", "记-O715-OO3"})
    void aVoucherThatLooksTheSameIsTheSameVoucher(String voucher) {
        fixture.given(created(), paid("e-1", "1.00", "0.00", "1.00", "记-0715-003"))
                .when(pay("e-2", "1.00", voucher))
                .expectNoEvents()
                .expectException(RefusedFor.field("voucherNo"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"\u0410\u0412-0718", "ab-0718", "Ab-0718"})
    void aVoucherInLookalikeLettersOrOtherCaseIsTheSameVoucher(String voucher) {
        fixture.given(created(), paid("e-1", "1.00", "0.00", "1.00", "AB-0718"))
                .when(pay("e-2", "1.00", voucher))
                .expectNoEvents()
                .expectException(RefusedFor.field("voucherNo"));
        fixture.given(created(), paid("e-1", "1.00", "0.00", "1.00", "PZ-0719"))
                .when(pay("e-2", "1.00", "P\u0396-0719"))
                .expectNoEvents()
                .expectException(RefusedFor.field("voucherNo"));
    }

    @Test
    void aVoucherThatOnlyLooksAlikeInPartIsAnotherVoucher() {
        fixture.given(created(), paid("e-1", "1.00", "0.00", "1.00", "记-0715-003"))
                .when(pay("e-2", "1.00", "记-0715-004"))
                .expectEvents(paid("e-2", "1.00", "1.00", "2.00", "记-0715-004"));
    }

    /** A voucher typed with its accents decomposed (NFD) is recorded composed, and is the same voucher as composed. */
    @Test
    void aVoucherTypedDecomposedIsRecordedComposed() {
        String decomposed = "A\u030A-0716";
        fixture.given(created())
                .when(pay("e-1", "1.00", decomposed))
                .expectEvents(paid("e-1", "1.00", "0.00", "1.00", "\u00C5-0716"));
        fixture.given(created(), paid("e-1", "1.00", "0.00", "1.00", "\u00C5-0716"))
                .when(pay("e-2", "1.00", decomposed))
                .expectNoEvents()
                .expectException(RefusedFor.field("voucherNo"));
    }

    @Test
    void aPaymentDatedOutsideTheFiscalYearIsRefused() {
        fixture.given(created())
                .when(new RecordExpenditure(ID, "e-1", FISCAL, BigDecimal.ONE, LocalDate.of(2026, 1, 2), "记-1", "r"))
                .expectNoEvents()
                .expectException(RefusedFor.field("paidOn"));
    }

    @Test
    void anAllocationMayNotBeCutBelowWhatItPaid() {
        fixture.given(created(), paid("e-1", "3.00", "0.00", "3.00", "记-001"))
                .when(new ReviseAllocation(ID, FISCAL, new BigDecimal("2.99"), "压减", null))
                .expectNoEvents()
                .expectException(RefusedFor.field("amount"));
        fixture.given(created(), paid("e-1", "3.00", "0.00", "3.00", "记-001"))
                .when(new ReviseAllocation(ID, FISCAL, new BigDecimal("3.00"), "压减", null))
                .expectSuccessfulHandlerExecution();
    }

    @Test
    void aTransferOutMayNotTakeWhatIsPaid() {
        fixture.given(created(), paid("e-1", "3.00", "0.00", "3.00", "记-001"))
                .when(new TransferOut(ID, "t-1", "p-8", FISCAL, new BigDecimal("2.01"), "调剂"))
                .expectNoEvents()
                .expectException(RefusedFor.field("amount"));
    }

    @Test
    void aTransferOutMayLeaveExactlyWhatIsPaid() {
        fixture.given(created(), paid("e-1", "3.00", "0.00", "3.00", "记-001"))
                .when(new TransferOut(ID, "t-1", "p-8", FISCAL, new BigDecimal("2.00"), "调剂"))
                .expectSuccessfulHandlerExecution();
    }

    @Test
    void oneVoucherMayPayFromTwoSources() {
        fixture.given(created(), paid("e-1", "1.00", "0.00", "1.00", "记-001"))
                .when(new RecordExpenditure(ID, "e-2", FundingSource.OTHER, new BigDecimal("0.50"), PAID, "记-001", "调研差旅"))
                .expectSuccessfulHandlerExecution();
    }

    @Test
    void aReversalDatedOutsideTheFiscalYearIsRefused() {
        fixture.given(created(), paid("e-1", "1.00", "0.00", "1.00", "记-001"))
                .when(new ReverseExpenditure(ID, "e-1", LocalDate.of(2024, 12, 31), "红-001", "r"))
                .expectNoEvents()
                .expectException(RefusedFor.field("reversedOn"));
    }

    @Test
    void aProjectThatPaidIsNotWithdrawn() {
        fixture.given(created(), paid("e-1", "0.01", "0.00", "0.01", "记-001"))
                .when(new WithdrawProject(ID, "撤销", null))
                .expectNoEvents()
                .expectException(RefusedFor.field("projectId"));
    }

    @Test
    void anImportMayNotCutAnAllocationBelowWhatItPaid() {
        fixture.given(created(), paid("e-1", "3.00", "0.00", "3.00", "记-001"))
                .when(new ImportProject(ID, "石围塘街道办事处", 2025, "街道办事处", "帮扶工作经费", "",
                        Map.of(FISCAL, new BigDecimal("2.00"), FundingSource.OTHER, new BigDecimal("1.00")), java.util.List.of(), "导入"))
                .expectNoEvents()
                .expectException(RefusedFor.field("allocations.FISCAL_APPROPRIATION"));
    }
}
