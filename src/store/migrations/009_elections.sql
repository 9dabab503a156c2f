-- 009 elections: a community head is elected at a meeting (matter type 4)
-- by secret ballot among candidates, after an election plan issued at least
-- N days before, an election team set up at most M days before with no
-- candidate on it, and the meeting's public notice at least K days before
-- (domain/rules.c). A motion among several candidates keeps a count per
-- candidate.
CREATE TABLE election (
	matter_id BIGINT PRIMARY KEY REFERENCES matter(id),
	plan_on INTEGER NOT NULL,
	team TEXT NOT NULL DEFAULT '',
	team_on INTEGER,
	created_at BIGINT NOT NULL
);

CREATE TABLE motion_vote (
	motion_id BIGINT NOT NULL REFERENCES motion(id),
	option_code TEXT NOT NULL,
	votes BIGINT NOT NULL,
	PRIMARY KEY (motion_id, option_code)
);
