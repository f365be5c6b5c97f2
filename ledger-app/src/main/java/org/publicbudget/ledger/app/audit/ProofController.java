package org.publicbudget.ledger.app.audit;

import java.net.URI;
import java.security.Principal;
import java.util.List;
import org.publicbudget.ledger.app.audit.verification.VerificationRun;
import org.publicbudget.ledger.app.audit.verification.Verifications;
import org.publicbudget.ledger.app.infrastructure.http.ApiProblems;
import org.publicbudget.ledger.app.infrastructure.http.NotFound;
import org.publicbudget.ledger.query.proof.Checkpoint;
import org.publicbudget.ledger.query.proof.Checkpoints;
import org.publicbudget.ledger.query.proof.LedgerVerification;
import org.publicbudget.ledger.query.proof.VerificationReport;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * Proof that the ledger is what was written. An auditor's {@code GET /verify} reads
 * what is verified already and how many positions are not yet (the newest events are
 * checked every few seconds by {@code VerificationSchedule}); it changes nothing. The walk of the
 * whole store — every event, every checkpoint, every read-model row — is an
 * operator's job with progress. Checkpoints are what to publish.
 */
@RestController
public class ProofController {

    /** Why a verification was asked for; optional, kept with its record. */
    public record VerificationRequest(String reason) {
    }

    private final LedgerVerification verification;
    private final Checkpoints checkpoints;
    private final Verifications runs;

    public ProofController(LedgerVerification verification, Checkpoints checkpoints, Verifications runs) {
        this.verification = verification;
        this.checkpoints = checkpoints;
        this.runs = runs;
    }

    @GetMapping("/api/v1/verify")
    public VerificationReport verify() {
        return verification.lastKnown();
    }

    @GetMapping("/api/v1/checkpoints")
    public List<Checkpoint> checkpoints() {
        return checkpoints.all();
    }

    /** An operator records a checkpoint; its root hash is what to publish outside the ledger. */
    @PostMapping("/api/v1/ops/checkpoints")
    @ResponseStatus(HttpStatus.CREATED)
    public Checkpoint checkpoint() {
        return checkpoints.record();
    }

    /** Starts a full verification on some node (202; follow the Location). 409 while one runs. */
    @PostMapping("/api/v1/ops/verifications")
    public ResponseEntity<Object> requestVerification(@RequestBody(required = false) VerificationRequest request, Principal who) {
        return runs.request(who.getName(), request == null ? null : request.reason())
                .<ResponseEntity<Object>>map(run -> ResponseEntity.accepted().location(URI.create("/api/v1/ops/verifications/" + run.id()))
                        .body(run))
                .orElseGet(() -> ApiProblems.problem(HttpStatus.CONFLICT, "Conflict", "a verification is under way; wait for it to finish", null));
    }

    @GetMapping("/api/v1/ops/verifications/{id}")
    public VerificationRun verification(@PathVariable long id) {
        return runs.find(id).orElseThrow(() -> NotFound.of("verification", Long.toString(id)));
    }
}
