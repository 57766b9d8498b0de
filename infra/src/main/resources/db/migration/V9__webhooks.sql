-- Outbound webhooks: subscribers, and an outbox of deliveries that a poller sends outside any
-- event processor's transaction.

-- A subscriber: where to POST which notifications, and the secret that signs them (HMAC-SHA256;
-- kept in clear because signing needs it). Plain configuration data written by the API, not an
-- event-sourced aggregate: nothing about a subscription is a business fact to replay or audit, and
-- the deliveries table below already records what was sent. Deleting sets deleted_at, so the
-- history of deliveries keeps its subscriber.
CREATE TABLE webhook_subscription (
    subscription_id   UUID        PRIMARY KEY,
    url               TEXT        NOT NULL,
    -- OFFER_ISSUED, TIER_CHANGED, POINTS_EXPIRING
    events            TEXT[]      NOT NULL,
    description       TEXT,
    secret            VARCHAR(128) NOT NULL,
    created_at        TIMESTAMPTZ NOT NULL,
    secret_rotated_at TIMESTAMPTZ,
    deleted_at        TIMESTAMPTZ
);
CREATE INDEX webhook_subscription_active ON webhook_subscription (created_at) WHERE deleted_at IS NULL;

-- One row per notification and subscriber. event_id is the Axon event's identifier (offers, tiers) or
-- points-expiring:<member>:<expiry date>; delivery_id is derived from subscription and event id, so a
-- redelivered event or a second scan inserts nothing (ON CONFLICT DO NOTHING).
-- status: PENDING (next_attempt_at says when; while one node sends, its lease), DELIVERED, FAILED
-- (refused with a 4xx, or out of attempts), CANCELLED (the subscription was deleted first).
-- payload is the exact JSON body sent, the same bytes on every attempt.
CREATE TABLE webhook_delivery (
    delivery_id      UUID         PRIMARY KEY,
    subscription_id  UUID         NOT NULL REFERENCES webhook_subscription (subscription_id),
    event_id         VARCHAR(160) NOT NULL,
    event_type       VARCHAR(32)  NOT NULL,
    member_id        VARCHAR(64)  NOT NULL,
    occurred_at      TIMESTAMPTZ  NOT NULL,
    payload          TEXT         NOT NULL,
    status           VARCHAR(16)  NOT NULL,
    attempts         INTEGER      NOT NULL DEFAULT 0,
    next_attempt_at  TIMESTAMPTZ  NOT NULL,
    last_attempt_at  TIMESTAMPTZ,
    last_status_code INTEGER,
    last_error       TEXT,
    delivered_at     TIMESTAMPTZ,
    created_at       TIMESTAMPTZ  NOT NULL,
    UNIQUE (subscription_id, event_id)
);
CREATE INDEX webhook_delivery_due ON webhook_delivery (next_attempt_at) WHERE status = 'PENDING';
CREATE INDEX webhook_delivery_by_subscription ON webhook_delivery (subscription_id, created_at DESC);

-- The points-expiring scan looks for expiries a few days ahead, in both read-model tables.
CREATE INDEX points_bucket_expiring ON points_bucket (expires_at) WHERE remaining > 0 AND expires_at IS NOT NULL;
CREATE INDEX member_account_points_expire_at ON member_account (points_expire_at) WHERE points_expire_at IS NOT NULL;
