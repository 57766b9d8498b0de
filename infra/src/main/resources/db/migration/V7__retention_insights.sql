-- Retention analytics (issue 5). Written by the retention-stats processor and by model refits.

-- One row per member and purchase day: purchases of the same day merge into one transaction, the
-- unit the BTYD models (BG/NBD, Pareto/NBD, Gamma-Gamma) count. Days are in the program's zone.
CREATE TABLE member_purchase_day (
    member_id VARCHAR(64)    NOT NULL,
    day       DATE           NOT NULL,
    spend     NUMERIC(19, 4) NOT NULL,
    purchases INTEGER        NOT NULL,
    PRIMARY KEY (member_id, day)
);

-- The per-member sufficient statistics: x = purchase_days - 1, t_x = last_day - first_day; T is the
-- time from first_day to the day a score is computed, so it is not stored.
CREATE TABLE member_purchase_stats (
    member_id       VARCHAR(64)    PRIMARY KEY,
    first_day       DATE           NOT NULL,
    last_day        DATE           NOT NULL,
    purchase_days   INTEGER        NOT NULL,
    total_spend     NUMERIC(19, 4) NOT NULL,
    first_day_spend NUMERIC(19, 4) NOT NULL
);

-- Every fit of the models, newest last; scores use the newest.
CREATE TABLE retention_model (
    id             BIGSERIAL PRIMARY KEY,
    kind           VARCHAR(16)      NOT NULL,
    parameters     JSONB            NOT NULL,
    log_likelihood DOUBLE PRECISION NOT NULL,
    customers      INTEGER          NOT NULL,
    converged      BOOLEAN          NOT NULL,
    spend_model    JSONB,
    -- the models' time unit: parameters such as alpha are per unit, so a score must use the unit of its fit
    days_per_unit  INTEGER          NOT NULL,
    as_of          DATE             NOT NULL,
    fitted_at      TIMESTAMPTZ      NOT NULL,
    fit_millis     BIGINT           NOT NULL
);

-- Scores of every member with purchases, from the newest model: the lists of at-risk members, VIPs
-- and segments read this. A member's own insights are computed live from the statistics.
CREATE TABLE member_insight (
    member_id          VARCHAR(64)      PRIMARY KEY,
    model_id           BIGINT           NOT NULL,
    scored_at          TIMESTAMPTZ      NOT NULL,
    frequency          INTEGER          NOT NULL,
    recency            DOUBLE PRECISION NOT NULL,
    age                DOUBLE PRECISION NOT NULL,
    p_alive            DOUBLE PRECISION NOT NULL,
    expected_purchases DOUBLE PRECISION NOT NULL,
    clv                NUMERIC(19, 2)   NOT NULL,
    r_score            SMALLINT         NOT NULL,
    f_score            SMALLINT         NOT NULL,
    m_score            SMALLINT         NOT NULL,
    segment            VARCHAR(32)      NOT NULL,
    risk_score         INTEGER          NOT NULL,
    risk_reasons       JSONB            NOT NULL,
    tier               VARCHAR(32)
);
CREATE INDEX member_insight_by_risk ON member_insight (risk_score DESC, member_id);
CREATE INDEX member_insight_by_clv ON member_insight (clv DESC, member_id);
