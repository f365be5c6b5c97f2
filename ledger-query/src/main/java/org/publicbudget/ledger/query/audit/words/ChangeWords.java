package org.publicbudget.ledger.query.audit.words;

import java.math.BigDecimal;
import org.publicbudget.ledger.domain.money.FundingSource;

/**
 * A change as a Chinese-reading finance officer names it (调剂、追加、支出冲销…), for the
 * Chinese page and exports beside the journal's English {@code what}: from the kind of
 * event and its figures, never a translation of free text.
 */
public final class ChangeWords {

    /** The kinds of change a report can be filtered by: the journal's event types. */
    public static final java.util.Set<String> KINDS = java.util.Set.of("ProjectCreated", "AllocationRevised", "AllocationTransferred",
            "ProjectWithdrawn", "ExpenditureRecorded", "ExpenditureReversed", "GoalRevised", "IndicatorAdded", "IndicatorRevised",
            "IndicatorRemoved", "IndicatorResultReported", "DeclaredTotalRecorded", "UnitRegistered", "ListedProjectsChanged", "DocumentImported");

    private ChangeWords() {
    }

    public static String zh(String eventType, String fundingSource, BigDecimal before, BigDecimal after, String voucherNo, String document) {
        String source = fundingSource == null ? "" : FundingSource.valueOf(fundingSource).label();
        return switch (eventType) {
            case "ProjectCreated" -> "项目创建";
            case "AllocationRevised" -> source + (before != null && after != null && after.compareTo(before) < 0 ? "调减" : "追加");
            case "AllocationTransferred" -> source + (before != null && after != null && after.compareTo(before) < 0 ? "调剂调出" : "调剂调入");
            case "ProjectWithdrawn" -> "项目撤销";
            case "ExpenditureRecorded" -> source + "支出" + (voucherNo == null ? "" : "（凭证 " + voucherNo + "）");
            case "ExpenditureReversed" -> source + "支出冲销" + (voucherNo == null ? "" : "（冲销凭证 " + voucherNo + "）");
            case "GoalRevised" -> "绩效目标调整";
            case "IndicatorAdded" -> "绩效指标新增";
            case "IndicatorRevised" -> "绩效指标调整";
            case "IndicatorRemoved" -> "绩效指标删除";
            case "IndicatorResultReported" -> "绩效结果填报";
            case "DeclaredTotalRecorded" -> "申报数记录";
            case "UnitRegistered" -> "预算单位登记";
            case "ListedProjectsChanged" -> "文件所列项目变动";
            case "DocumentImported" -> "文件导入" + (document == null ? "" : "：" + document);
            default -> eventType;
        };
    }
}
