package org.publicbudget.ledger.app.observability;

import static org.assertj.core.api.Assertions.assertThat;

import org.axonframework.commandhandling.CommandExecutionException;
import org.axonframework.common.lock.LockAcquisitionFailedException;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.axonframework.modelling.command.ConflictingAggregateVersionException;
import org.junit.jupiter.api.Test;
import org.publicbudget.ledger.app.observability.CommandMonitor.Outcome;
import org.publicbudget.ledger.domain.BudgetRuleViolation;

/** How a command's failure is told in its metric's outcome, however deeply Axon wraps it. */
class CommandOutcomesTest {

    @Test
    void eachFailureHasTheOutcomeItsAnswerHas() {
        assertThat(CommandMonitor.outcomeOf(new BudgetRuleViolation("amount", "the allocation is already 5.00"))).isEqualTo(Outcome.REFUSED);
        assertThat(CommandMonitor.outcomeOf(new AggregateNotFoundException("p", "no project"))).isEqualTo(Outcome.NOT_FOUND);
        assertThat(CommandMonitor.outcomeOf(new ConflictingAggregateVersionException("p", 3, 5))).isEqualTo(Outcome.CONFLICT);
        assertThat(CommandMonitor.outcomeOf(new LockAcquisitionFailedException("project locked"))).isEqualTo(Outcome.CONFLICT);
        assertThat(CommandMonitor.outcomeOf(new ConcurrencyException("sequence taken"))).isEqualTo(Outcome.LOST_RACE);
        assertThat(CommandMonitor.outcomeOf(new AggregateStreamCreationException("stream made by another"))).isEqualTo(Outcome.LOST_RACE);
        assertThat(CommandMonitor.outcomeOf(new IllegalStateException("the database is away"))).isEqualTo(Outcome.FAILED);
    }

    @Test
    void aWrappedFailureIsToldByItsCause() {
        CommandExecutionException wrapped = new CommandExecutionException("failed", new ConcurrencyException("sequence taken"));

        assertThat(CommandMonitor.outcomeOf(wrapped)).isEqualTo(Outcome.LOST_RACE);
    }
}
