package org.publicbudget.ledger.app.projects;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.EnumMap;
import java.util.Map;
import org.publicbudget.ledger.app.infrastructure.http.InvalidRequest;
import org.publicbudget.ledger.app.infrastructure.http.RequestFields;
import org.publicbudget.ledger.domain.money.FundingSource;
import org.publicbudget.ledger.domain.project.api.ProjectLimits;
import org.publicbudget.ledger.domain.project.api.commands.AddIndicator;
import org.publicbudget.ledger.domain.project.api.commands.CreateProject;
import org.publicbudget.ledger.domain.project.api.commands.RecordExpenditure;
import org.publicbudget.ledger.domain.project.api.commands.RemoveIndicator;
import org.publicbudget.ledger.domain.project.api.commands.ReportIndicatorResult;
import org.publicbudget.ledger.domain.project.api.commands.ReverseExpenditure;
import org.publicbudget.ledger.domain.project.api.commands.ReviseAllocation;
import org.publicbudget.ledger.domain.project.api.commands.ReviseGoal;
import org.publicbudget.ledger.domain.project.api.commands.ReviseIndicator;
import org.publicbudget.ledger.domain.project.api.commands.TransferIn;
import org.publicbudget.ledger.domain.project.api.commands.TransferOut;
import org.publicbudget.ledger.domain.project.api.commands.WithdrawProject;

/**
 * The API's commands built from their requests, every field checked (an
 * {@link InvalidRequest} names the one at fault): one place for the single endpoints
 * and for batches, so that a command means the same in both.
 */
public final class Commands {

    private Commands() {
    }

    public static CreateProject createProject(String projectId, CreateProjectRequest body) {
        String department = RequestFields.required("department", body.department());
        int fiscalYear = RequestFields.fiscalYear(body.fiscalYear());
        String unit = RequestFields.required("unit", body.unit());
        String name = RequestFields.required("name", body.name());
        String goal = RequestFields.bounded("goal", body.goal());
        Map<FundingSource, BigDecimal> allocations = new EnumMap<>(FundingSource.class);
        if (body.allocations() != null) {
            body.allocations().forEach((source, amount) ->
                    allocations.put(source, RequestFields.amount("allocations." + source.name(), amount)));
        }
        return new CreateProject(projectId, department, fiscalYear, unit, name, goal, allocations);
    }

    public static String createReason(CreateProjectRequest body) {
        return RequestFields.reasonOr("project created", body.reason());
    }

    public static ReviseAllocation reviseAllocation(String projectId, AllocationRevisionRequest body, Long expected) {
        FundingSource source = fundingSource(body.fundingSource());
        BigDecimal amount = RequestFields.amount("amount", body.amount());
        return new ReviseAllocation(projectId, source, amount, RequestFields.required("reason", body.reason()), expected);
    }

    public static ReviseGoal reviseGoal(String projectId, GoalRequest body, Long expected) {
        if (body.goal() == null) {
            throw new InvalidRequest("goal", "goal is required (it may be empty text)");
        }
        String goal = RequestFields.bounded("goal", body.goal());
        return new ReviseGoal(projectId, goal, RequestFields.required("reason", body.reason()), expected);
    }

    public static WithdrawProject withdraw(String projectId, String reason, Long expected) {
        return new WithdrawProject(projectId, RequestFields.required("reason", reason), expected);
    }

    public static AddIndicator addIndicator(String projectId, IndicatorRequest body, Long expected) {
        return new AddIndicator(projectId, body.no(), RequestFields.required("level1", body.level1()),
                RequestFields.required("level2", body.level2()), RequestFields.required("name", body.name()),
                RequestFields.bounded("periodTarget", body.periodTarget()), RequestFields.bounded("annualTarget", body.annualTarget()),
                expected);
    }

    public static String addReason(IndicatorRequest body) {
        return RequestFields.reasonOr("indicator added", body.reason());
    }

    public static ReviseIndicator reviseIndicator(String projectId, int no, IndicatorRequest body, Long expected) {
        if (body.no() != null && body.no() != no) {
            throw new InvalidRequest("no", "the body names indicator " + body.no() + " but the path names " + no);
        }
        return new ReviseIndicator(projectId, no, RequestFields.required("level1", body.level1()),
                RequestFields.required("level2", body.level2()), RequestFields.required("name", body.name()),
                RequestFields.bounded("periodTarget", body.periodTarget()), RequestFields.bounded("annualTarget", body.annualTarget()),
                RequestFields.required("reason", body.reason()), expected);
    }

    public static RemoveIndicator removeIndicator(String projectId, int no, String reason, Long expected) {
        return new RemoveIndicator(projectId, no, RequestFields.required("reason", reason), expected);
    }

    public static RecordExpenditure recordExpenditure(String projectId, String expenditureId, ExpenditureRequest body) {
        FundingSource source = fundingSource(body.fundingSource());
        BigDecimal amount = RequestFields.amount("amount", body.amount());
        LocalDate paidOn = RequestFields.pastDate("paidOn", body.paidOn());
        return new RecordExpenditure(projectId, expenditureId, source, amount, paidOn, RequestFields.limited("voucherNo", body.voucherNo(), ProjectLimits.VOUCHER_LENGTH),
                RequestFields.required("reason", body.reason()), body.payee(), body.economicClass());
    }

    public static ReverseExpenditure reverseExpenditure(String projectId, String expenditureId, ReversalRequest body) {
        // the date and the reversing voucher may be left out (or blank): the ledger dates it, without a voucher
        return new ReverseExpenditure(projectId, RequestFields.required("expenditureId", expenditureId),
                absent(body.reversedOn()) ? null : RequestFields.pastDate("reversedOn", body.reversedOn()),
                absent(body.voucherNo()) ? null : RequestFields.limited("voucherNo", body.voucherNo(), ProjectLimits.VOUCHER_LENGTH),
                RequestFields.required("reason", body.reason()));
    }

    public static ReportIndicatorResult reportResult(String projectId, int no, ResultRequest body) {
        if (body.period() == null) {
            throw new InvalidRequest("period", ProjectLimits.PERIOD_REQUIRED);
        }
        return new ReportIndicatorResult(projectId, no, body.period(), RequestFields.limited("actual", body.actual(), ProjectLimits.RESULT_LENGTH),
                RequestFields.pastDate("reportedOn", body.reportedOn()), RequestFields.required("reason", body.reason()));
    }

    /** The two sides of a transfer (预算调剂), to be written in one transaction, the smaller project id first. */
    public record Transfer(String transferId, TransferOut out, TransferIn in) {

        public boolean outFirst() {
            return out.projectId().compareTo(in.projectId()) <= 0;
        }
    }

    public static Transfer transfer(String transferId, TransferRequest body) {
        String from = RequestFields.required("fromProjectId", body.fromProjectId());
        String to = RequestFields.required("toProjectId", body.toProjectId());
        FundingSource source = fundingSource(body.fundingSource());
        BigDecimal amount = RequestFields.amount("amount", body.amount());
        String reason = RequestFields.required("reason", body.reason());
        return new Transfer(transferId, new TransferOut(from, transferId, to, source, amount, reason),
                new TransferIn(to, transferId, from, source, amount, reason));
    }

    private static FundingSource fundingSource(FundingSource given) {
        if (given == null) {
            throw new InvalidRequest("fundingSource", ProjectLimits.FUNDING_SOURCE_REQUIRED);
        }
        return given;
    }

    private static boolean absent(String text) {
        return text == null || text.isBlank();
    }
}
