-- Every node keeps the balances it answered in memory (BalanceCache) and must forget one as soon as the rows it
-- was computed from change, whichever node or tool changed them. The database tells every listening node: each
-- statement on the tables a balance is read from notifies channel 'balance_changed' with the distinct member ids
-- it touched, comma-separated, at most 100 to a notification (a payload must stay under 8,000 bytes; an id is at
-- most 64 characters). A TRUNCATE notifies '*': forget everything. NOTIFY is transactional: a listener hears of a
-- change only when it is committed, and never of one that rolled back.
--
-- Statement-level triggers with transition tables: one call per statement, however many rows it wrote (the
-- member-accounts projection writes a whole batch of events with one statement per table). PostgreSQL allows a
-- transition table only on a trigger for a single event, hence three triggers per table.
CREATE FUNCTION notify_balance_changed() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    ids TEXT;
BEGIN
    FOR ids IN
        SELECT string_agg(member_id, ',')
          FROM (SELECT member_id, (row_number() OVER ()) / 100 AS chunk FROM (SELECT DISTINCT member_id FROM changed) d) c
         GROUP BY chunk
    LOOP
        PERFORM pg_notify('balance_changed', ids);
    END LOOP;
    RETURN NULL;
END
$$;

CREATE FUNCTION notify_balances_truncated() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM pg_notify('balance_changed', '*');
    RETURN NULL;
END
$$;

CREATE TRIGGER member_account_inserted AFTER INSERT ON member_account
    REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION notify_balance_changed();
CREATE TRIGGER member_account_updated AFTER UPDATE ON member_account
    REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION notify_balance_changed();
CREATE TRIGGER member_account_deleted AFTER DELETE ON member_account
    REFERENCING OLD TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION notify_balance_changed();
CREATE TRIGGER member_account_truncated AFTER TRUNCATE ON member_account
    FOR EACH STATEMENT EXECUTE FUNCTION notify_balances_truncated();

CREATE TRIGGER points_bucket_inserted AFTER INSERT ON points_bucket
    REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION notify_balance_changed();
CREATE TRIGGER points_bucket_updated AFTER UPDATE ON points_bucket
    REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION notify_balance_changed();
CREATE TRIGGER points_bucket_deleted AFTER DELETE ON points_bucket
    REFERENCING OLD TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION notify_balance_changed();
CREATE TRIGGER points_bucket_truncated AFTER TRUNCATE ON points_bucket
    FOR EACH STATEMENT EXECUTE FUNCTION notify_balances_truncated();

CREATE TRIGGER qualifying_points_inserted AFTER INSERT ON qualifying_points
    REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION notify_balance_changed();
CREATE TRIGGER qualifying_points_updated AFTER UPDATE ON qualifying_points
    REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION notify_balance_changed();
CREATE TRIGGER qualifying_points_deleted AFTER DELETE ON qualifying_points
    REFERENCING OLD TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION notify_balance_changed();
CREATE TRIGGER qualifying_points_truncated AFTER TRUNCATE ON qualifying_points
    FOR EACH STATEMENT EXECUTE FUNCTION notify_balances_truncated();
