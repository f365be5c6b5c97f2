package org.publicbudget.ledger.app.audit.exports;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.publicbudget.ledger.domain.money.FundingSource;
import org.publicbudget.ledger.query.audit.Payments;

/** A department's payments as the books list them (支出明细表), written as CSV or as an Excel workbook. */
final class PaymentFiles {

    static final List<String> HEADINGS = List.of("单位", "项目名称", "资金来源", "金额", "支付日期", "凭证号", "收款人", "经济分类", "摘要",
            "冲销日期", "冲销凭证");

    private PaymentFiles() {
    }

    static byte[] csv(List<Payments.Line> lines, Citation citation) {
        return Spreadsheets.csv(sheet(lines, citation));
    }

    static byte[] xlsx(List<Payments.Line> lines, Citation citation) {
        return Spreadsheets.xlsx(sheet(lines, citation));
    }

    private static Spreadsheets.Table sheet(List<Payments.Line> lines, Citation citation) {
        List<List<Object>> rows = new ArrayList<>();
        for (Payments.Line line : lines) {
            Payments.Entry paid = line.payment().payment();
            Payments.Entry reversal = line.payment().reversal();
            List<Object> cells = new ArrayList<>();
            cells.add(line.unit());
            cells.add(line.project());
            cells.add(FundingSource.valueOf(line.payment().fundingSource()).label());
            cells.add(line.payment().amount());
            cells.add(paid.date());
            cells.add(paid.voucherNo());
            cells.add(paid.payee());
            cells.add(paid.economicClass());
            cells.add(paid.reason());
            cells.add(reversal == null ? null : reversal.date());
            cells.add(reversal == null ? null : reversal.voucherNo());
            rows.add(cells);
        }
        return new Spreadsheets.Table("支出明细表", citation.about(), HEADINGS, rows, Set.of(), Map.of(0, 24, 1, 30, 6, 30, 8, 30));
    }
}
