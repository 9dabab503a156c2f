-- 023 notify sms: text messages to households' representatives through an
-- SMS gateway, daily digests, and the language an account reads its mail in.

-- The language of an account's mails and messages ('vi' or 'en'), set when
-- it chooses one while logged in.
ALTER TABLE account ADD COLUMN lang TEXT NOT NULL DEFAULT 'vi';

-- A text message goes to a household (its representative's phone, kept in
-- address when it was queued); provider_id is the gateway's id of the
-- message, delivered_at when the gateway reported it delivered (then a
-- notice's household counts as reached by text message).
ALTER TABLE notify_outbox ADD COLUMN household_id BIGINT REFERENCES household(id);
ALTER TABLE notify_outbox ADD COLUMN provider_id TEXT NOT NULL DEFAULT '';
ALTER TABLE notify_outbox ADD COLUMN delivered_at BIGINT;
CREATE INDEX notify_outbox_household ON notify_outbox(entity, entity_id, household_id);

-- A message held for a recipient's daily digest waits in state 'held';
-- once the digest is made it is 'digested', with the digest's row id here.
ALTER TABLE notify_outbox ADD COLUMN digest_id BIGINT;
-- What one recipient was sent lately (the per-day limit) and what waits
-- for its digest.
CREATE INDEX notify_outbox_recipient ON notify_outbox(recipient, state, created_at);
