-- Issue: member interactions (support requests, complaints, surveys, app visits, reviews) and the
-- member timeline.

-- Write side ------------------------------------------------------------------------------------

-- An interaction id belongs to one member, like a POS transaction id. A concurrent retry waits on
-- this key until the first post commits, then finds its receipt on the member's interaction stream.
CREATE TABLE interaction_claim (
    interaction_id VARCHAR(64) PRIMARY KEY,
    member_id      VARCHAR(64) NOT NULL,
    claimed_at     TIMESTAMPTZ NOT NULL DEFAULT now()
);

-- Read models (interactions processor) ---------------------------------------------------------

-- One row per member-facing event: the interactions and the account's own events. event_position
-- is the event's global index in the event store: unique, the same on every replay, the paging cursor.
CREATE TABLE member_timeline (
    member_id      VARCHAR(64) NOT NULL,
    event_position BIGINT      NOT NULL,
    occurred_at    TIMESTAMPTZ NOT NULL,
    kind           VARCHAR(32) NOT NULL,
    summary        TEXT        NOT NULL,
    detail         JSONB       NOT NULL,
    PRIMARY KEY (member_id, event_position)
);
CREATE INDEX member_timeline_newest_first ON member_timeline (member_id, occurred_at DESC, event_position DESC);

-- Support requests and complaints alike (kind): both are tickets, unresolved while resolved_at is
-- null. subject is the support request's topic or the complaint's category.
CREATE TABLE support_ticket (
    member_id               VARCHAR(64) NOT NULL,
    ticket_id               VARCHAR(64) NOT NULL,
    kind                    VARCHAR(16) NOT NULL,
    channel                 VARCHAR(16) NOT NULL,
    subject                 TEXT        NOT NULL,
    opened_at               TIMESTAMPTZ NOT NULL,
    resolved_at             TIMESTAMPTZ,
    resolved_by             VARCHAR(64),
    resolution_channel      VARCHAR(16),
    solved_at_first_contact BOOLEAN,
    resolution              TEXT,
    PRIMARY KEY (member_id, ticket_id)
);
CREATE INDEX support_ticket_unresolved ON support_ticket (member_id, kind) WHERE resolved_at IS NULL;
CREATE INDEX support_ticket_by_opening ON support_ticket (opened_at);

-- Complaints, OPEN until their ticket is resolved, then CLOSED.
CREATE TABLE complaint (
    member_id    VARCHAR(64) NOT NULL,
    complaint_id VARCHAR(64) NOT NULL,
    channel      VARCHAR(16) NOT NULL,
    category     VARCHAR(64) NOT NULL,
    description  TEXT,
    raised_at    TIMESTAMPTZ NOT NULL,
    status       VARCHAR(8)  NOT NULL,
    closed_at    TIMESTAMPTZ,
    PRIMARY KEY (member_id, complaint_id)
);
CREATE INDEX complaint_open ON complaint (member_id) WHERE status = 'OPEN';

-- NPS (0-10), CSAT (1-5) and CES (1-7) answers.
CREATE TABLE survey_answer (
    member_id      VARCHAR(64) NOT NULL,
    interaction_id VARCHAR(64) NOT NULL,
    survey_kind    VARCHAR(8)  NOT NULL,
    score          SMALLINT    NOT NULL,
    survey_id      VARCHAR(64),
    channel        VARCHAR(16) NOT NULL,
    answered_at    TIMESTAMPTZ NOT NULL,
    comment        TEXT,
    PRIMARY KEY (member_id, interaction_id)
);
CREATE INDEX survey_answer_by_kind ON survey_answer (survey_kind, answered_at);
CREATE INDEX survey_answer_by_member ON survey_answer (member_id, answered_at DESC);

CREATE TABLE app_visit (
    member_id        VARCHAR(64)  NOT NULL,
    interaction_id   VARCHAR(64)  NOT NULL,
    visited_at       TIMESTAMPTZ  NOT NULL,
    screen           VARCHAR(100),
    duration_seconds INTEGER,
    PRIMARY KEY (member_id, interaction_id)
);
CREATE INDEX app_visit_by_member ON app_visit (member_id, visited_at DESC);

CREATE TABLE member_review (
    member_id      VARCHAR(64) NOT NULL,
    interaction_id VARCHAR(64) NOT NULL,
    channel        VARCHAR(16) NOT NULL,
    rating         SMALLINT    NOT NULL,
    review_text    TEXT,
    posted_at      TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (member_id, interaction_id)
);
CREATE INDEX member_review_by_time ON member_review (posted_at);
