-- Issue 4: earning rules as the marketer sees them (earning-rules processor).
CREATE TABLE earning_rule (
    rule_id      VARCHAR(64) PRIMARY KEY,
    name         TEXT        NOT NULL,
    status       VARCHAR(16) NOT NULL,
    version      INTEGER     NOT NULL DEFAULT 0,
    draft        TEXT        NOT NULL,
    published    TEXT,
    created_at   TIMESTAMPTZ NOT NULL,
    updated_at   TIMESTAMPTZ NOT NULL
);

-- Write side: when each published version was live, in the rule command's transaction. Purchases are
-- judged by the versions live at their occurredAt.
CREATE TABLE rule_version_live (
    rule_id    VARCHAR(64) NOT NULL,
    version    INTEGER     NOT NULL,
    live_from  TIMESTAMPTZ NOT NULL,
    live_until TIMESTAMPTZ,
    PRIMARY KEY (rule_id, version)
);

-- Write side: points each rule has given in all, against its budget (row-locked per purchase).
CREATE TABLE rule_budget_used (
    rule_id VARCHAR(64) PRIMARY KEY,
    points  BIGINT      NOT NULL
);
