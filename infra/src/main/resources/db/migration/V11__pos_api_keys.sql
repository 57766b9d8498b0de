-- Per-store API keys for tills (X-Api-Key). Only a SHA-256 of each secret is kept: the key is shown once, when
-- it is issued or rotated. After a rotation the previous secret keeps working until previous_valid_until.
CREATE TABLE pos_api_key (
    key_id               TEXT PRIMARY KEY,
    name                 TEXT        NOT NULL,
    store_ids            TEXT[]      NOT NULL,
    secret_hash          TEXT        NOT NULL,
    previous_secret_hash TEXT,
    previous_valid_until TIMESTAMPTZ,
    created_at           TIMESTAMPTZ NOT NULL,
    rotated_at           TIMESTAMPTZ,
    revoked_at           TIMESTAMPTZ
);
