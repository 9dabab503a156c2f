-- 002 sessions: logins, API tokens, failed-login throttling, household
-- invitations. Tokens are stored only as their BLAKE2b hash.

-- A logged-in browser ('web') or an API client that logged in with
-- POST /api/v1/session ('api'). csrf is the token every form of the session
-- carries. A web session without "remember me" slides: each use moves
-- expires_at forward (at most every few minutes).
CREATE TABLE session (
	id @ID@,
	token_hash TEXT NOT NULL UNIQUE,
	account_id BIGINT NOT NULL REFERENCES account(id),
	kind TEXT NOT NULL,
	csrf TEXT NOT NULL,
	remember INTEGER NOT NULL DEFAULT 0,
	created_at BIGINT NOT NULL,
	last_seen_at BIGINT NOT NULL,
	expires_at BIGINT NOT NULL,
	revoked_at BIGINT,
	ip TEXT,
	user_agent TEXT
);
CREATE INDEX session_account ON session(account_id);

-- Long-lived tokens an account creates for scripts, shown once.
CREATE TABLE api_token (
	id @ID@,
	account_id BIGINT NOT NULL REFERENCES account(id),
	name TEXT NOT NULL,
	token_hash TEXT NOT NULL UNIQUE,
	created_at BIGINT NOT NULL,
	last_used_at BIGINT,
	revoked_at BIGINT
);
CREATE INDEX api_token_account ON api_token(account_id);

-- Every login attempt, for throttling by login and by client address.
CREATE TABLE login_attempt (
	id @ID@,
	login TEXT NOT NULL,
	ip TEXT NOT NULL,
	ok INTEGER NOT NULL,
	at BIGINT NOT NULL
);
CREATE INDEX login_attempt_login ON login_attempt(login, at);
CREATE INDEX login_attempt_ip ON login_attempt(ip, at);

-- A one-time link (and short code) printed on a slip for a household's
-- representative to claim the household's account.
CREATE TABLE invitation (
	id @ID@,
	household_id BIGINT NOT NULL REFERENCES household(id),
	unit_id BIGINT NOT NULL REFERENCES unit(id),
	token_hash TEXT NOT NULL UNIQUE,
	short_code_hash TEXT NOT NULL UNIQUE,
	created_by BIGINT,
	created_at BIGINT NOT NULL,
	expires_at BIGINT NOT NULL,
	used_at BIGINT,
	account_id BIGINT REFERENCES account(id),
	revoked_at BIGINT
);
CREATE INDEX invitation_household ON invitation(household_id);
