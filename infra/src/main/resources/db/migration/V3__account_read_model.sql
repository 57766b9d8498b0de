-- Read models of the member-accounts processor. Written by JDBC in the processor's transaction,
-- read by R2DBC. Rebuilt from the events on a processor reset.

CREATE TABLE member_account (
    member_id       VARCHAR(64) PRIMARY KEY,
    enrolled_at     TIMESTAMPTZ NOT NULL,
    balance         BIGINT      NOT NULL DEFAULT 0,
    lifetime_earned BIGINT      NOT NULL DEFAULT 0,
    updated_at      TIMESTAMPTZ NOT NULL
);

CREATE TABLE purchase_history (
    transaction_id VARCHAR(64)    PRIMARY KEY,
    member_id      VARCHAR(64)    NOT NULL,
    store_id       VARCHAR(64)    NOT NULL,
    occurred_at    TIMESTAMPTZ    NOT NULL,
    currency       CHAR(3)        NOT NULL,
    payment_method VARCHAR(32)    NOT NULL,
    net_total      NUMERIC(19, 4) NOT NULL,
    item_count     INTEGER        NOT NULL,
    recorded_at    TIMESTAMPTZ    NOT NULL
);
CREATE INDEX purchase_history_by_member ON purchase_history (member_id, occurred_at DESC);

-- sequence is the event's sequence number in the member's stream: a stable, ordered cursor.
CREATE TABLE points_ledger (
    member_id      VARCHAR(64) NOT NULL,
    sequence       BIGINT      NOT NULL,
    entry_type     VARCHAR(32) NOT NULL,
    points         BIGINT      NOT NULL,
    balance_after  BIGINT      NOT NULL,
    transaction_id VARCHAR(64),
    explanation    TEXT        NOT NULL,
    recorded_at    TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (member_id, sequence)
);
