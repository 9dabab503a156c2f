-- 026 outbox pending: the sender claims the oldest pending messages
-- ("state = 'pending' ... ORDER BY id LIMIT n"). Through (state,
-- next_attempt_at) both engines read every pending message and sorted them
-- for each claim: with a backlog of 40,000 ballot confirmations that made
-- each claim take milliseconds while it held SQLite's write lock, and
-- acknowledged ballots fell from 25,000/s to 3,000/s. Through (state, id)
-- a claim reads the oldest pending messages and stops. The claim was the
-- only reader of (state, next_attempt_at), which goes.
CREATE INDEX notify_outbox_pending ON notify_outbox(state, id);
DROP INDEX notify_outbox_due;
