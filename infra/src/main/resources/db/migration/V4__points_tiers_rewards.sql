-- Issue 3: point buckets, tiers, returns, redemptions, adjustments, birthday rewards.

-- Write side ------------------------------------------------------------------------------------

-- When each account next has time-driven work (expiry, tier re-qualification, birthday reward).
-- Kept in the command's transaction; polled by the scheduler on the application's clock.
CREATE TABLE account_due_work (
    member_id VARCHAR(64) PRIMARY KEY,
    due_at    TIMESTAMPTZ NOT NULL
);
CREATE INDEX account_due_work_by_time ON account_due_work (due_at);

-- A POS return id belongs to one member, like a transaction id.
CREATE TABLE pos_return_claim (
    transaction_id VARCHAR(64) PRIMARY KEY,
    member_id      VARCHAR(64) NOT NULL,
    claimed_at     TIMESTAMPTZ NOT NULL DEFAULT now()
);

-- Points each staff member adjusted per day (either direction), against the daily limit.
CREATE TABLE staff_adjustment_day (
    staff_id VARCHAR(64) NOT NULL,
    day      DATE        NOT NULL,
    points   BIGINT      NOT NULL,
    PRIMARY KEY (staff_id, day)
);

-- Read models (member-accounts processor) -----------------------------------------------------

ALTER TABLE member_account
    ADD COLUMN tier             VARCHAR(32),
    ADD COLUMN tier_valid_until TIMESTAMPTZ,
    ADD COLUMN points_expire_at TIMESTAMPTZ,
    ADD COLUMN debt             BIGINT NOT NULL DEFAULT 0;

CREATE TABLE points_bucket (
    member_id    VARCHAR(64)  NOT NULL,
    bucket_id    VARCHAR(128) NOT NULL,
    points       BIGINT       NOT NULL,
    remaining    BIGINT       NOT NULL,
    available_at TIMESTAMPTZ  NOT NULL,
    expires_at   TIMESTAMPTZ,
    PRIMARY KEY (member_id, bucket_id)
);

-- Points that count toward a tier, dated by the purchase; returns count negatively.
CREATE TABLE qualifying_points (
    member_id VARCHAR(64) NOT NULL,
    sequence  BIGINT      NOT NULL,
    earned_at TIMESTAMPTZ NOT NULL,
    points    BIGINT      NOT NULL,
    PRIMARY KEY (member_id, sequence)
);

CREATE TABLE redemption (
    redemption_id VARCHAR(64) PRIMARY KEY,
    member_id     VARCHAR(64) NOT NULL,
    reward_id     VARCHAR(64) NOT NULL,
    points        BIGINT      NOT NULL,
    status        VARCHAR(16) NOT NULL,
    redeemed_at   TIMESTAMPTZ NOT NULL,
    cancelled_at  TIMESTAMPTZ
);
CREATE INDEX redemption_by_member ON redemption (member_id, redeemed_at DESC);

CREATE TABLE member_reward (
    member_id   VARCHAR(64) NOT NULL,
    issue_id    VARCHAR(64) NOT NULL,
    reward_id   VARCHAR(64) NOT NULL,
    reason      VARCHAR(32) NOT NULL,
    valid_from  TIMESTAMPTZ NOT NULL,
    valid_until TIMESTAMPTZ NOT NULL,
    issued_at   TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (member_id, issue_id)
);
