-- Responses to requests sent with an Idempotency-Key, per account, so that a
-- retried request gets the original answer — after a restart and on any node.
-- Written in the same transaction as the events the request appended.
CREATE TABLE idempotency_record (
    actor           VARCHAR(255)  NOT NULL,
    idempotency_key VARCHAR(255)  NOT NULL,
    request_hash    VARCHAR(64)   NOT NULL,
    status          INTEGER       NOT NULL,
    content_type    VARCHAR(255),
    location        VARCHAR(2000),
    etag            VARCHAR(100),
    body            BYTEA,
    recorded_at     TIMESTAMP     NOT NULL,
    PRIMARY KEY (actor, idempotency_key)
);
