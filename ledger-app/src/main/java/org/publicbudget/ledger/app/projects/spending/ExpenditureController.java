package org.publicbudget.ledger.app.projects.spending;

import jakarta.servlet.http.HttpServletRequest;
import java.math.BigDecimal;
import java.net.URI;
import java.util.List;
import java.util.UUID;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.publicbudget.ledger.app.infrastructure.axon.LedgerPosition;
import org.publicbudget.ledger.app.infrastructure.http.CommandMetadata;
import org.publicbudget.ledger.app.infrastructure.http.InvalidRequest;
import org.publicbudget.ledger.app.infrastructure.http.NotFound;
import org.publicbudget.ledger.app.projects.Commands;
import org.publicbudget.ledger.app.projects.ExpenditureRequest;
import org.publicbudget.ledger.app.projects.ReversalRequest;
import org.publicbudget.ledger.app.reads.ListPages;
import org.publicbudget.ledger.app.reads.Moments;
import org.publicbudget.ledger.app.reads.ProjectFreshness;
import org.publicbudget.ledger.domain.money.FundingSource;
import org.publicbudget.ledger.domain.project.api.ExpenditureAccepted;
import org.publicbudget.ledger.domain.project.api.commands.RecordExpenditure;
import org.publicbudget.ledger.domain.project.api.commands.ReverseExpenditure;
import org.publicbudget.ledger.query.audit.Payments;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * Payments against a project's allocations (预算执行) and their reversals. A payment that
 * would take what a funding source has spent above its allocation is refused (422, field
 * {@code amount}, the available balance in the detail) and nothing is recorded. The
 * answer comes after the event is committed; a client that may retry sends an
 * {@code Idempotency-Key}, so that a payment is never recorded twice.
 */
@RestController
@RequestMapping("/api/v1/projects/{projectId}/expenditures")
public class ExpenditureController {

    private final CommandGateway commands;
    private final LedgerPosition position;
    private final Payments payments;
    private final ProjectFreshness freshness;
    private final Moments moments;

    public ExpenditureController(CommandGateway commands, LedgerPosition position, Payments payments, ProjectFreshness freshness,
            Moments moments) {
        this.commands = commands;
        this.position = position;
        this.payments = payments;
        this.freshness = freshness;
        this.moments = moments;
    }

    /** What a payment or its reversal answers: the project's new version and what the source has spent and has left. */
    public record ExpenditureChange(String projectId, String expenditureId, long version, FundingSource fundingSource, BigDecimal spent,
            BigDecimal available, long position) {
    }

    @ResponseStatus(HttpStatus.CREATED)
    @PostMapping
    public ResponseEntity<ExpenditureChange> record(@PathVariable String projectId, @RequestBody ExpenditureRequest body,
            Authentication user, HttpServletRequest request) {
        RecordExpenditure command = Commands.recordExpenditure(projectId, UUID.randomUUID().toString(), body);
        ExpenditureAccepted accepted = commands.sendAndWait(command, CommandMetadata.of(user, request, command.reason()));
        return ResponseEntity.created(URI.create("/api/v1/projects/" + projectId + "/expenditures/" + command.expenditureId()))
                .eTag(Long.toString(accepted.version())).body(change(accepted));
    }

    /**
     * The project's payments, oldest first, each with its reversal if it has one; from one
     * {@code fundingSource} or all; as of any moment; in pages ({@code after} is the
     * position of the last payment of the page before).
     */
    @GetMapping
    public ResponseEntity<List<Payments.Payment>> payments(@PathVariable String projectId,
            @RequestParam(required = false) FundingSource fundingSource, @RequestParam(required = false) String asOf,
            @RequestParam(required = false) Long atPosition, @RequestParam(required = false) Long after,
            @RequestParam(required = false) Integer limit, HttpServletRequest request) {
        Long at = moments.position(asOf, atPosition);
        if (after != null && after < 0) {
            throw new InvalidRequest("after", "after must not be negative");
        }
        if (!freshness.awaitNewestVersion(projectId, at)) {
            throw NotFound.of("project", projectId);
        }
        return ListPages.paged(request, payments.of(projectId, fundingSource, at, after == null ? 0 : after, ListPages.limit(limit)));
    }

    /** A payment as recorded, with its reversal if it has one; readable as soon as the 201 is answered; as of any moment. */
    @GetMapping("/{expenditureId}")
    public Payments.Payment payment(@PathVariable String projectId, @PathVariable String expenditureId,
            @RequestParam(required = false) String asOf, @RequestParam(required = false) Long atPosition) {
        Long at = moments.position(asOf, atPosition);
        freshness.awaitNewestVersion(projectId, at);
        return payments.of(projectId, expenditureId, at).orElseThrow(() -> NotFound.of("payment", projectId + "/" + expenditureId));
    }

    @PostMapping("/{expenditureId}/reversal")
    public ResponseEntity<ExpenditureChange> reverse(@PathVariable String projectId, @PathVariable String expenditureId,
            @RequestBody ReversalRequest body, Authentication user, HttpServletRequest request) {
        ReverseExpenditure command = Commands.reverseExpenditure(projectId, expenditureId, body);
        ExpenditureAccepted accepted = commands.sendAndWait(command, CommandMetadata.of(user, request, command.reason()));
        return ResponseEntity.ok().eTag(Long.toString(accepted.version())).body(change(accepted));
    }

    private ExpenditureChange change(ExpenditureAccepted accepted) {
        return new ExpenditureChange(accepted.projectId(), accepted.expenditureId(), accepted.version(), accepted.fundingSource(),
                accepted.spent(), accepted.available(), position.reached());
    }
}
