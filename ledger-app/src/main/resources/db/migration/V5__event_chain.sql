-- Tamper evidence. Every event gets a hash over its stored bytes chained to the hash
-- of its aggregate's previous event, written in the same transaction as the event.
-- Checkpoints hash the chain heads of all streams up to a position; published
-- outside the ledger, they make a rewrite of history detectable even by someone
-- who recomputes every chain hash.
CREATE TABLE event_chain (
    event_identifier     VARCHAR(255) NOT NULL PRIMARY KEY,
    global_index         BIGINT       NOT NULL,
    aggregate_identifier VARCHAR(255) NOT NULL,
    sequence_number      BIGINT       NOT NULL,
    previous_hash        VARCHAR(64)  NOT NULL,
    hash                 VARCHAR(64)  NOT NULL,
    CONSTRAINT event_chain_position UNIQUE (global_index),
    CONSTRAINT event_chain_stream UNIQUE (aggregate_identifier, sequence_number)
);

CREATE TABLE ledger_checkpoint (
    position    BIGINT       NOT NULL PRIMARY KEY,
    recorded_at TIMESTAMP    NOT NULL,
    streams     BIGINT       NOT NULL,
    events      BIGINT       NOT NULL,
    root_hash   VARCHAR(64)  NOT NULL
);
