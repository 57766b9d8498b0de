-- Every purchase updates its member's member_account row, and three purchases in four move points_expire_at (the
-- inactivity policy's date, ExpiryDateChanged). With an index on that column PostgreSQL could not update the row in
-- place on its page (a HOT update): each update wrote a new index entry in both indexes, primary key included, and
-- left the old ones for vacuum. The accounts' UPDATE was 19% of PostgreSQL's statement time in a replay
-- (bench/NOTES.md items 39 and 53). The only reader of that index was the hourly points-expiring scan
-- (ExpiringPointsScan), which now reads the table through instead: once an hour a sequential scan of a table that is
-- in memory anyway, against an index write on every purchase.
DROP INDEX member_account_points_expire_at;
-- An update stays on its page only if the page has room for the new row version: leave a fifth of each page free.
-- Pages written before this migration fill up as they are; the setting applies to the pages written from now on.
ALTER TABLE member_account SET (fillfactor = 80);
