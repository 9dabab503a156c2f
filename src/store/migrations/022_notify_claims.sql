-- 022 notify claims: which sender claimed a message, and how far a
-- notice has reached its accounts. Several servers share
-- one PostgreSQL, each with its sender: a sender reads back only what it
-- claimed, and puts back only the claims of a sender that is gone (its
-- session lock, held while it runs, is free).
ALTER TABLE notify_outbox ADD COLUMN claimed_by BIGINT NOT NULL DEFAULT 0;
-- A notice reaches its accounts in chunks, each in its own transaction:
-- the account id the last chunk ended at.
ALTER TABLE notify_event ADD COLUMN expanded_upto BIGINT NOT NULL DEFAULT 0;
-- The subscriptions an address asked for today (the subscribe form's limit).
CREATE INDEX notify_subscription_email ON notify_subscription (email, created_at);
