-- A timeline row is one event's (each event writes at most one row), so the event's global position alone is its
-- key. Keyed by (member_id, event_position), every row stored also went to a random page of that second index on
-- member_id; keyed by the position it goes to the index's last page, since positions only grow. The member's rows
-- are still found through member_timeline_newest_first (member_id, occurred_at, event_position). At 2,000
-- purchases/s the timeline's rows were the costliest write in PostgreSQL (bench/NOTES.md item 34). A redelivered
-- event still writes nothing: its position is taken (ON CONFLICT DO NOTHING).
ALTER TABLE member_timeline DROP CONSTRAINT member_timeline_pkey;
ALTER TABLE member_timeline ADD PRIMARY KEY (event_position);
