package org.publicbudget.ledger.app.projects.transfers;

import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import java.util.UUID;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.eventsourcing.IncompatibleAggregateException;
import org.axonframework.messaging.MetaData;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.publicbudget.ledger.app.infrastructure.axon.LedgerPosition;
import org.publicbudget.ledger.app.infrastructure.axon.LostRaces;
import org.publicbudget.ledger.app.infrastructure.http.CommandMetadata;
import org.publicbudget.ledger.app.infrastructure.http.NotFound;
import org.publicbudget.ledger.app.projects.Commands;
import org.publicbudget.ledger.app.projects.ProjectChange;
import org.publicbudget.ledger.app.projects.TransferRequest;
import org.publicbudget.ledger.domain.project.api.ProjectBalance;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * Transfers between projects (预算调剂). Both sides are written in one database
 * transaction under one transfer id, so there is never one without the other. The
 * side with the smaller project id is always written first, so two transfers
 * crossing in opposite directions wait for each other instead of deadlocking; one
 * that loses a race with another writer is run again whole.
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

    @ResponseStatus(HttpStatus.CREATED)
    @PostMapping("/api/v1/transfers")
    public ResponseEntity<TransferResult> transfer(@RequestBody TransferRequest body, Authentication user, HttpServletRequest request) {
        Commands.Transfer transfer = Commands.transfer(UUID.randomUUID().toString(), body);
        MetaData metadata = CommandMetadata.of(user, request, transfer.out().reason(), body.documentNumber(), body.effectiveDate());
        ProjectBalance[] sides = LostRaces.retried(() -> transaction.execute(status -> sides(commands, transfer, metadata)));
        long reached = position.reached();
        TransferResult result = new TransferResult(transfer.transferId(), ProjectChange.of(sides[0], reached),
                ProjectChange.of(sides[1], reached), reached);
        return ResponseEntity.created(URI.create("/api/v1/transfers/" + transfer.transferId())).body(result);
    }

    /** Both sides, the smaller project id first (inside the caller's transaction); the side given, then the side received. */
    public static ProjectBalance[] sides(CommandGateway commands, Commands.Transfer transfer, MetaData metadata) {
        ProjectBalance given;
        ProjectBalance received;
        if (transfer.outFirst()) {
            given = send(commands, transfer.out(), "fromProjectId", transfer.out().projectId(), metadata);
            received = send(commands, transfer.in(), "toProjectId", transfer.in().projectId(), metadata);
        } else {
            received = send(commands, transfer.in(), "toProjectId", transfer.in().projectId(), metadata);
            given = send(commands, transfer.out(), "fromProjectId", transfer.out().projectId(), metadata);
        }
        return new ProjectBalance[] {given, received};
    }

    private static ProjectBalance send(CommandGateway commands, Object command, String field, String projectId, MetaData metadata) {
        try {
            return commands.sendAndWait(command, metadata);
        } catch (AggregateNotFoundException | IncompatibleAggregateException e) {
            throw NotFound.in(field, "project", projectId);
        }
    }
}
