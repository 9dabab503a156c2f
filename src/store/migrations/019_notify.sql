-- 019 notify: reaching people where they are. An event (a notice
-- published, a report changing state) writes one notify_event row in its
-- own transaction; the sender expands it into one outbox row per recipient
-- and channel (the unique key makes the same event go at most once to the
-- same person on the same channel), then delivers each row, recording
-- every attempt. (018 belongs to the plans family.)

-- What happened, written by the event's transaction (domain/notify_event.c).
-- expanded_at is set by the transaction that wrote its outbox rows.
CREATE TABLE notify_event (
	id @ID@,
	kind TEXT NOT NULL,
	unit_id BIGINT NOT NULL REFERENCES unit(id),
	ward_id BIGINT REFERENCES unit(id),
	entity TEXT NOT NULL,
	entity_id BIGINT NOT NULL,
	title TEXT NOT NULL DEFAULT '',
	detail TEXT NOT NULL DEFAULT '',
	account_id BIGINT REFERENCES account(id),
	created_at BIGINT NOT NULL,
	expanded_at BIGINT
);
CREATE INDEX notify_event_pending ON notify_event(expanded_at, id);

-- E-mail subscriptions without an account: topic 'notices' (a unit's
-- notices, and those of the units above it that cover it) or 'reports'
-- (new reports in a unit's subtree). The confirm token is kept as its
-- hash; the unsubscribe token is kept as it is, since every mail carries it
-- and it can do nothing but unsubscribe.
CREATE TABLE notify_subscription (
	id @ID@,
	ward_id BIGINT REFERENCES unit(id),
	unit_id BIGINT NOT NULL REFERENCES unit(id),
	topic TEXT NOT NULL,
	email TEXT NOT NULL,
	lang TEXT NOT NULL DEFAULT 'vi',
	confirm_hash TEXT NOT NULL UNIQUE,
	unsubscribe_token TEXT NOT NULL UNIQUE,
	created_at BIGINT NOT NULL,
	confirmed_at BIGINT,
	unsubscribed_at BIGINT
);
CREATE INDEX notify_subscription_unit ON notify_subscription(unit_id, topic);

-- How an account wants to hear of a kind of event: channel 'inapp' (the
-- default when there is no row), 'email' (also in the app) or 'none'.
CREATE TABLE notify_pref (
	account_id BIGINT NOT NULL REFERENCES account(id),
	kind TEXT NOT NULL,
	channel TEXT NOT NULL,
	ward_id BIGINT REFERENCES unit(id),
	updated_at BIGINT NOT NULL,
	PRIMARY KEY (account_id, kind)
);

-- One message to one recipient on one channel. recipient is 'a<account>'
-- or 's<subscription>'; state pending, sending (claimed by the sender),
-- sent or failed (given up after the last attempt). secret holds what the
-- mail needs once and is blanked when sent (a confirm token).
CREATE TABLE notify_outbox (
	id @ID@,
	event_id BIGINT REFERENCES notify_event(id),
	ward_id BIGINT REFERENCES unit(id),
	kind TEXT NOT NULL,
	channel TEXT NOT NULL,
	recipient TEXT NOT NULL,
	account_id BIGINT REFERENCES account(id),
	subscription_id BIGINT REFERENCES notify_subscription(id),
	address TEXT NOT NULL DEFAULT '',
	lang TEXT NOT NULL DEFAULT 'vi',
	entity TEXT NOT NULL,
	entity_id BIGINT NOT NULL,
	unit_id BIGINT NOT NULL REFERENCES unit(id),
	title TEXT NOT NULL DEFAULT '',
	detail TEXT NOT NULL DEFAULT '',
	secret TEXT NOT NULL DEFAULT '',
	state TEXT NOT NULL DEFAULT 'pending',
	attempts INTEGER NOT NULL DEFAULT 0,
	next_attempt_at BIGINT NOT NULL,
	last_error TEXT NOT NULL DEFAULT '',
	created_at BIGINT NOT NULL,
	sent_at BIGINT,
	UNIQUE (event_id, recipient, channel)
);
CREATE INDEX notify_outbox_due ON notify_outbox(state, next_attempt_at);

-- Every delivery attempt and its outcome.
CREATE TABLE notify_attempt (
	id @ID@,
	outbox_id BIGINT NOT NULL REFERENCES notify_outbox(id),
	ward_id BIGINT REFERENCES unit(id),
	at BIGINT NOT NULL,
	ok INTEGER NOT NULL,
	error TEXT NOT NULL DEFAULT ''
);
CREATE INDEX notify_attempt_outbox ON notify_attempt(outbox_id);

-- The in-app inbox: one row per delivered in-app message.
CREATE TABLE notify_inbox (
	id @ID@,
	outbox_id BIGINT NOT NULL UNIQUE REFERENCES notify_outbox(id),
	account_id BIGINT NOT NULL REFERENCES account(id),
	ward_id BIGINT REFERENCES unit(id),
	kind TEXT NOT NULL,
	entity TEXT NOT NULL,
	entity_id BIGINT NOT NULL,
	unit_id BIGINT NOT NULL REFERENCES unit(id),
	title TEXT NOT NULL,
	detail TEXT NOT NULL DEFAULT '',
	created_at BIGINT NOT NULL,
	read_at BIGINT
);
CREATE INDEX notify_inbox_account ON notify_inbox(account_id, read_at, id);
