-- Blue/green read models. Every totals table exists twice (suffix _a and _b). The
-- projection writes into the copy named in read_model_copy; readers query views with
-- the tables' plain names, which point at that copy. A rebuild fills the other copy
-- from the events, then switches the views (one transaction on PostgreSQL), so
-- readers never see a half-built table.
ALTER TABLE department_summary RENAME TO department_summary_a;
ALTER TABLE unit_summary RENAME TO unit_summary_a;
ALTER TABLE project_summary RENAME TO project_summary_a;
ALTER TABLE project_allocation RENAME TO project_allocation_a;
ALTER TABLE unit_allocation RENAME TO unit_allocation_a;
ALTER TABLE department_allocation RENAME TO department_allocation_a;
ALTER TABLE project_indicator RENAME TO project_indicator_a;

CREATE TABLE department_summary_b (
    department_id  VARCHAR(64)   NOT NULL PRIMARY KEY,
    name           VARCHAR(4000) NOT NULL,
    fiscal_year    INTEGER       NOT NULL,
    declared_total NUMERIC(24, 6)
);

CREATE TABLE unit_summary_b (
    unit_id        VARCHAR(64)   NOT NULL PRIMARY KEY,
    department_id  VARCHAR(64)   NOT NULL,
    name           VARCHAR(4000) NOT NULL,
    declared_total NUMERIC(24, 6)
);
CREATE INDEX unit_summary_b_department ON unit_summary_b (department_id);

CREATE TABLE project_summary_b (
    project_id      VARCHAR(255)  NOT NULL PRIMARY KEY,
    unit_id         VARCHAR(64)   NOT NULL,
    department_id   VARCHAR(64)   NOT NULL,
    name            VARCHAR(4000) NOT NULL,
    goal            VARCHAR(4000) NOT NULL,
    version         BIGINT        NOT NULL,
    indicator_count INTEGER       NOT NULL,
    withdrawn       BOOLEAN       NOT NULL DEFAULT FALSE
);
CREATE INDEX project_summary_b_unit ON project_summary_b (unit_id);
CREATE INDEX project_summary_b_department ON project_summary_b (department_id);

CREATE TABLE project_allocation_b (
    project_id     VARCHAR(255)   NOT NULL,
    funding_source VARCHAR(32)    NOT NULL,
    amount         NUMERIC(24, 6) NOT NULL,
    PRIMARY KEY (project_id, funding_source)
);

CREATE TABLE unit_allocation_b (
    unit_id        VARCHAR(64)    NOT NULL,
    funding_source VARCHAR(32)    NOT NULL,
    amount         NUMERIC(24, 6) NOT NULL,
    PRIMARY KEY (unit_id, funding_source)
);

CREATE TABLE department_allocation_b (
    department_id  VARCHAR(64)    NOT NULL,
    funding_source VARCHAR(32)    NOT NULL,
    amount         NUMERIC(24, 6) NOT NULL,
    PRIMARY KEY (department_id, funding_source)
);

CREATE TABLE project_indicator_b (
    project_id    VARCHAR(255)  NOT NULL,
    no            INTEGER       NOT NULL,
    level1        VARCHAR(2)    NOT NULL,
    level2        VARCHAR(4)    NOT NULL,
    name          VARCHAR(4000) NOT NULL,
    period_target VARCHAR(4000) NOT NULL,
    annual_target VARCHAR(4000) NOT NULL,
    PRIMARY KEY (project_id, no)
);

CREATE VIEW department_summary AS SELECT * FROM department_summary_a;
CREATE VIEW unit_summary AS SELECT * FROM unit_summary_a;
CREATE VIEW project_summary AS SELECT * FROM project_summary_a;
CREATE VIEW project_allocation AS SELECT * FROM project_allocation_a;
CREATE VIEW unit_allocation AS SELECT * FROM unit_allocation_a;
CREATE VIEW department_allocation AS SELECT * FROM department_allocation_a;
CREATE VIEW project_indicator AS SELECT * FROM project_indicator_a;

-- Which copy the projection writes and the views show.
CREATE TABLE read_model_copy (
    read_model VARCHAR(64) NOT NULL PRIMARY KEY,
    active     VARCHAR(1)  NOT NULL
);
INSERT INTO read_model_copy (read_model, active) VALUES ('totals', 'a');

-- One row per rebuild: the request, who carries it out (a lease any node may take
-- over when it runs out), its progress and, at the end, its proof.
CREATE TABLE read_model_rebuild (
    id                BIGSERIAL     NOT NULL PRIMARY KEY,
    processor         VARCHAR(255)  NOT NULL,
    requested_by      VARCHAR(255)  NOT NULL,
    requested_at      TIMESTAMP     NOT NULL,
    reason            VARCHAR(4000),
    state             VARCHAR(16)   NOT NULL,
    target_copy       VARCHAR(1)    NOT NULL,
    owner             VARCHAR(255),
    lease_until       TIMESTAMP,
    attempts          INTEGER       NOT NULL DEFAULT 0,
    started_at        TIMESTAMP,
    finished_at       TIMESTAMP,
    events_done       BIGINT        NOT NULL DEFAULT 0,
    events_total      BIGINT        NOT NULL DEFAULT 0,
    events_per_second BIGINT        NOT NULL DEFAULT 0,
    position          BIGINT,
    proof             VARCHAR(100000),
    error             VARCHAR(4000)
);
CREATE INDEX read_model_rebuild_processor ON read_model_rebuild (processor, id);

-- Every node says here that it is alive and whether it has stopped its processors
-- for a rebuild; the rebuild waits for every live node.
CREATE TABLE processor_node (
    node_id      VARCHAR(255) NOT NULL PRIMARY KEY,
    heartbeat_at TIMESTAMP    NOT NULL,
    stopped_for  BIGINT
);
