-- Retention campaigns and the offers they give (issue 6). Read models of the campaigns processor.

-- A campaign as it stands: the draft, and the definition it runs under once launched.
CREATE TABLE campaign (
    campaign_id   VARCHAR(64) PRIMARY KEY,
    name          TEXT        NOT NULL,
    status        VARCHAR(16) NOT NULL,
    draft         JSONB       NOT NULL,
    running       JSONB,
    launched_at   TIMESTAMPTZ,
    ended_at      TIMESTAMPTZ,
    updated_at    TIMESTAMPTZ NOT NULL
);

-- Every offer given to a member, with where it stands.
CREATE TABLE member_offer (
    member_id       VARCHAR(64) NOT NULL,
    offer_id        VARCHAR(128) NOT NULL,
    campaign_id     VARCHAR(64) NOT NULL,
    campaign_name   TEXT        NOT NULL,
    terms           JSONB       NOT NULL,
    status          VARCHAR(16) NOT NULL,
    issued_at       TIMESTAMPTZ NOT NULL,
    expires_at      TIMESTAMPTZ NOT NULL,
    delivered_at    TIMESTAMPTZ,
    viewed_at       TIMESTAMPTZ,
    activated_at    TIMESTAMPTZ,
    redeemed_points BIGINT      NOT NULL DEFAULT 0,
    redemptions     INTEGER     NOT NULL DEFAULT 0,
    ended_at        TIMESTAMPTZ,
    PRIMARY KEY (member_id, offer_id)
);
CREATE INDEX member_offer_by_campaign ON member_offer (campaign_id);

-- Who a campaign picked, in which group: TREATMENT (offered) or HOLDOUT (the control), from when.
CREATE TABLE campaign_assignment (
    campaign_id VARCHAR(64)  NOT NULL,
    member_id   VARCHAR(64)  NOT NULL,
    offer_id    VARCHAR(128) NOT NULL,
    grp         VARCHAR(16)  NOT NULL,
    assigned_at TIMESTAMPTZ  NOT NULL,
    PRIMARY KEY (campaign_id, member_id, offer_id)
);

-- What audiences read besides the scores: the birthday month (only the month: audiences need no more) and enrolment.
CREATE TABLE member_profile (
    member_id      VARCHAR(64) PRIMARY KEY,
    birthday_month SMALLINT    NOT NULL,
    enrolled_at    TIMESTAMPTZ NOT NULL
);

-- Members to evaluate the live campaigns for, after an event that may have changed their audience (the
-- campaign-triggers processor writes here; the evaluator drains it outside any processor transaction).
CREATE TABLE campaign_trigger (
    member_id    VARCHAR(64) NOT NULL,
    trigger_kind VARCHAR(32) NOT NULL,
    noticed_at   TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (member_id, trigger_kind)
);
