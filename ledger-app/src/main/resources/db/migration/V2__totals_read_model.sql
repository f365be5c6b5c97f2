-- The totals read model. Disposable: everything here is rebuilt from the event
-- store. Amounts are NUMERIC in 万元; never floating point.

CREATE TABLE department_summary (
    department_id  VARCHAR(64)   NOT NULL PRIMARY KEY,
    name           VARCHAR(4000) NOT NULL,
    fiscal_year    INTEGER       NOT NULL,
    declared_total NUMERIC(24, 6)
);

CREATE TABLE unit_summary (
    unit_id        VARCHAR(64)   NOT NULL PRIMARY KEY,
    department_id  VARCHAR(64)   NOT NULL,
    name           VARCHAR(4000) NOT NULL,
    declared_total NUMERIC(24, 6)
);
CREATE INDEX unit_summary_department ON unit_summary (department_id);

-- version: the sequence number of the last event applied, which makes every
-- handler idempotent (an event delivered twice finds the version already there).
CREATE TABLE project_summary (
    project_id      VARCHAR(255)  NOT NULL PRIMARY KEY,
    unit_id         VARCHAR(64)   NOT NULL,
    department_id   VARCHAR(64)   NOT NULL,
    name            VARCHAR(4000) NOT NULL,
    goal            VARCHAR(4000) NOT NULL,
    version         BIGINT        NOT NULL,
    indicator_count INTEGER       NOT NULL
);
CREATE INDEX project_summary_unit ON project_summary (unit_id);
CREATE INDEX project_summary_department ON project_summary (department_id);

CREATE TABLE project_allocation (
    project_id     VARCHAR(255)   NOT NULL,
    funding_source VARCHAR(32)    NOT NULL,
    amount         NUMERIC(24, 6) NOT NULL,
    PRIMARY KEY (project_id, funding_source)
);

CREATE TABLE unit_allocation (
    unit_id        VARCHAR(64)    NOT NULL,
    funding_source VARCHAR(32)    NOT NULL,
    amount         NUMERIC(24, 6) NOT NULL,
    PRIMARY KEY (unit_id, funding_source)
);

CREATE TABLE department_allocation (
    department_id  VARCHAR(64)    NOT NULL,
    funding_source VARCHAR(32)    NOT NULL,
    amount         NUMERIC(24, 6) NOT NULL,
    PRIMARY KEY (department_id, funding_source)
);

CREATE TABLE project_indicator (
    project_id    VARCHAR(255)  NOT NULL,
    no            INTEGER       NOT NULL,
    level1        VARCHAR(2)    NOT NULL,
    level2        VARCHAR(4)    NOT NULL,
    name          VARCHAR(4000) NOT NULL,
    period_target VARCHAR(4000) NOT NULL,
    annual_target VARCHAR(4000) NOT NULL,
    PRIMARY KEY (project_id, no)
);
