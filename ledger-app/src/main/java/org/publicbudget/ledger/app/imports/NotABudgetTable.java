package org.publicbudget.ledger.app.imports;

import org.publicbudget.ledger.app.infrastructure.http.UnprocessableRequest;

/** The text is not a 项目支出绩效目标表: no department, no grand total and no rows of amounts were found. */
public class NotABudgetTable extends UnprocessableRequest {

    public NotABudgetTable(String documentName) {
        super("Not a budget table", "document", documentName
                + " is not a 项目支出绩效目标表: no 部门名称, no 合计 and no rows of amounts were found; nothing was imported");
    }
}
