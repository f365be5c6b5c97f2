package org.publicbudget.ledger.app.importer;

/** The text is not a 项目支出绩效目标表: no department, no grand total and no rows of amounts were found. */
public class NotABudgetTable extends RuntimeException {

    public NotABudgetTable(String documentName) {
        super(documentName + " is not a 项目支出绩效目标表: no 部门名称, no 合计 and no rows of amounts were found; nothing was imported");
    }
}
