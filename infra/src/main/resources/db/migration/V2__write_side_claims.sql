-- Set-based decisions of the write side, inserted in the same transaction as the command's events.

-- A POS transaction id belongs to exactly one member; a second post of the same id waits on this
-- key until the first commits, then finds the receipt in the member's account.
CREATE TABLE pos_transaction_claim (
    transaction_id VARCHAR(64) PRIMARY KEY,
    member_id      VARCHAR(64) NOT NULL,
    claimed_at     TIMESTAMPTZ NOT NULL DEFAULT now()
);

-- One member per email address (stored lower-cased).
CREATE TABLE member_email_claim (
    email      VARCHAR(254) PRIMARY KEY,
    member_id  VARCHAR(64)  NOT NULL,
    claimed_at TIMESTAMPTZ  NOT NULL DEFAULT now()
);
