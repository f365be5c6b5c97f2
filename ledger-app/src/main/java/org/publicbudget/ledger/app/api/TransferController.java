package org.publicbudget.ledger.app.api;

import jakarta.servlet.http.HttpServletRequest;
import java.math.BigDecimal;
import java.net.URI;
import java.util.UUID;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.messaging.MetaData;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.publicbudget.ledger.domain.project.api.ProjectBalance;
import org.publicbudget.ledger.domain.project.api.TransferIn;
import org.publicbudget.ledger.domain.project.api.TransferOut;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * Transfers between projects (预算调剂). Both sides are written in one database
 * transaction under one transfer id, so there is never one without the other. The
 * side with the smaller project id is always written first, so two transfers
 * crossing in opposite directions wait for each other instead of deadlocking.
 */
@RestController
public class TransferController {

    private final CommandGateway commands;
    private final TransactionTemplate transaction;
    private final LedgerPosition position;

    public TransferController(CommandGateway commands, TransactionTemplate transaction, LedgerPosition position) {
        this.commands = commands;
        this.transaction = transaction;
        this.position = position;
    }

    /** Both projects as the transfer left them, and the position both sides reached. */
    public record TransferResult(String transferId, ProjectChange from, ProjectChange to, long position) {
    }

    @PostMapping("/api/v1/transfers")
    public ResponseEntity<TransferResult> transfer(@RequestBody TransferRequest body, Authentication user, HttpServletRequest request) {
        String from = RequestFields.required("fromProjectId", body.fromProjectId());
        String to = RequestFields.required("toProjectId", body.toProjectId());
        if (body.fundingSource() == null) {
            throw new InvalidRequest("fundingSource", "fundingSource is required: one of FISCAL_APPROPRIATION, SPECIAL_ACCOUNT, OTHER");
        }
        BigDecimal amount = RequestFields.amount("amount", body.amount());
        String reason = RequestFields.required("reason", body.reason());
        MetaData metadata = CommandMetadata.of(user, request, reason, body.documentNumber(), body.effectiveDate());
        String transferId = UUID.randomUUID().toString();
        TransferOut out = new TransferOut(from, transferId, to, body.fundingSource(), amount, reason);
        TransferIn in = new TransferIn(to, transferId, from, body.fundingSource(), amount, reason);
        ProjectBalance[] sides = transaction.execute(status -> {
            ProjectBalance given;
            ProjectBalance received;
            if (from.compareTo(to) <= 0) {
                given = send(out, "fromProjectId", from, metadata);
                received = send(in, "toProjectId", to, metadata);
            } else {
                received = send(in, "toProjectId", to, metadata);
                given = send(out, "fromProjectId", from, metadata);
            }
            return new ProjectBalance[] {given, received};
        });
        long reached = position.reached();
        TransferResult result = new TransferResult(transferId, ProjectChange.of(sides[0], reached), ProjectChange.of(sides[1], reached),
                reached);
        return ResponseEntity.created(URI.create("/api/v1/transfers/" + transferId)).body(result);
    }

    private ProjectBalance send(Object command, String field, String projectId, MetaData metadata) {
        try {
            return commands.sendAndWait(command, metadata);
        } catch (AggregateNotFoundException e) {
            throw NotFound.in(field, "project", projectId);
        }
    }
}
