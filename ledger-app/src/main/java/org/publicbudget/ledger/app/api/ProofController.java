package org.publicbudget.ledger.app.api;

import java.util.List;
import org.publicbudget.ledger.query.proof.Checkpoint;
import org.publicbudget.ledger.query.proof.LedgerProof;
import org.publicbudget.ledger.query.proof.VerificationReport;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** Proof that the ledger is what was written: verification for auditors, checkpoints to publish. */
@RestController
public class ProofController {

    private final LedgerProof proof;

    public ProofController(LedgerProof proof) {
        this.proof = proof;
    }

    @GetMapping("/api/v1/verify")
    public VerificationReport verify() {
        return proof.verify();
    }

    @GetMapping("/api/v1/checkpoints")
    public List<Checkpoint> checkpoints() {
        return proof.checkpoints();
    }

    /** An operator records a checkpoint; its root hash is what to publish outside the ledger. */
    @PostMapping("/api/v1/ops/checkpoints")
    @ResponseStatus(HttpStatus.CREATED)
    public Checkpoint checkpoint() {
        return proof.checkpoint();
    }
}
