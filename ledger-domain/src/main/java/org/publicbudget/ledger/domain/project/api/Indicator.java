package org.publicbudget.ledger.domain.project.api;

/**
 * A performance indicator (绩效指标) as a budget document prints it: its number in the
 * project, level-1 and level-2 category codes, name, and targets as raw text.
 */
public record Indicator(int no, String level1, String level2, String name, String periodTarget, String annualTarget) {
}
