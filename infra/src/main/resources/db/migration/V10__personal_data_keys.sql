-- GDPR: crypto-shredding. Every member whose events carry personal data (name, email, phone, birthday,
-- the free texts of interactions) has an AES-256 data key here; the event store holds those fields only
-- encrypted with it. Erasure overwrites the row with a tombstone: the key is gone, the fields can never
-- be decrypted again, and the event store is never rewritten.

-- wrapped_key: IV + AES-256-GCM(master key, data key), associated data 'member-data-key:' || member_id.
-- master_key_id: which master key wrapped it (a digest prefix, not secret). Both null once erased.
CREATE TABLE member_data_key (
    member_id     VARCHAR(64) PRIMARY KEY,
    wrapped_key   BYTEA,
    master_key_id VARCHAR(16),
    created_at    TIMESTAMPTZ NOT NULL DEFAULT now(),
    erased_at     TIMESTAMPTZ,
    CONSTRAINT member_data_key_live_or_erased CHECK ((wrapped_key IS NULL) = (erased_at IS NOT NULL))
);

-- Erasure releases the member's email claim by member id.
CREATE INDEX member_email_claim_by_member ON member_email_claim (member_id);

-- A support request's topic is the member's own words: null once erased (a complaint's subject is its category and stays).
ALTER TABLE support_ticket ALTER COLUMN subject DROP NOT NULL;

-- Campaigns offer only to members who accept marketing on at least one channel (ConsentChanged keeps these up to
-- date; null, for profiles written before consents existed, counts as the enrollment's consent did: offered).
ALTER TABLE member_profile
    ADD COLUMN marketing_email BOOLEAN,
    ADD COLUMN marketing_sms   BOOLEAN,
    ADD COLUMN marketing_push  BOOLEAN;
