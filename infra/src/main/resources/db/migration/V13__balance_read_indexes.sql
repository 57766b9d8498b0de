-- A balance read on a cache miss sums the member's buckets that still hold points and the qualifying points of the
-- tier window. Through the primary keys each of those rows costs a visit to its heap page, and a member's rows lie
-- on as many pages as the member made purchases: at 2,000 purchases/s over 10,000 members the read went from 164 to
-- 881 us in six minutes and took a fifth of PostgreSQL's statement time (bench/NOTES.md item 34). These indexes hold
-- every column the read takes, next to each other per member, so PostgreSQL answers from them alone (an index-only
-- scan; rows on pages changed since the last vacuum are still checked on their page).
CREATE INDEX points_bucket_held ON points_bucket (member_id) INCLUDE (remaining, available_at, expires_at) WHERE remaining <> 0;
CREATE INDEX qualifying_points_by_date ON qualifying_points (member_id, earned_at) INCLUDE (points);
