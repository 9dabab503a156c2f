-- 007 meetings: a matter decided at a community meeting (Law 10/2022/QH15
-- Art. 17). The head convenes it with an invitation to every household (a
-- public notice, so its reach counts), checks representatives in, and the
-- meeting votes motions; the minutes are drawn from these rows.

-- Representatives present at a meeting, for the matter's result.
ALTER TABLE matter ADD COLUMN result_present BIGINT;

-- One meeting per matter. eligible: households of the community when the
-- register opened; present: checked in, kept by the writes.
CREATE TABLE meeting (
	matter_id BIGINT PRIMARY KEY REFERENCES matter(id),
	starts_at BIGINT NOT NULL,
	place TEXT NOT NULL,
	notice_id BIGINT REFERENCES notice(id),
	status TEXT NOT NULL DEFAULT 'scheduled',
	chair TEXT NOT NULL DEFAULT '',
	secretary TEXT NOT NULL DEFAULT '',
	eligible BIGINT NOT NULL DEFAULT 0,
	present BIGINT NOT NULL DEFAULT 0,
	opened_at BIGINT,
	closed_at BIGINT,
	quorate INTEGER,
	followup_id BIGINT REFERENCES matter(id)
);

-- The one-time check-in code printed as a QR code on each household's
-- invitation (stored hashed, like every token).
CREATE TABLE meeting_invite (
	matter_id BIGINT NOT NULL REFERENCES matter(id),
	household_id BIGINT NOT NULL REFERENCES household(id),
	token_hash TEXT NOT NULL UNIQUE,
	PRIMARY KEY (matter_id, household_id)
);

CREATE TABLE meeting_attendance (
	matter_id BIGINT NOT NULL REFERENCES matter(id),
	household_id BIGINT NOT NULL REFERENCES household(id),
	how TEXT NOT NULL,
	at BIGINT NOT NULL,
	recorded_by BIGINT,
	PRIMARY KEY (matter_id, household_id)
);

-- What the meeting votes: the matter itself (kind 'main'), the counting
-- committee a secret ballot needs ('counters', its members in `members`),
-- or another procedural motion. Counts are entered once, with the number
-- present at that moment.
CREATE TABLE motion (
	id @ID@,
	matter_id BIGINT NOT NULL REFERENCES matter(id),
	kind TEXT NOT NULL,
	text TEXT NOT NULL,
	method TEXT NOT NULL,
	members TEXT NOT NULL DEFAULT '',
	yes BIGINT,
	no BIGINT,
	abstain BIGINT,
	present BIGINT,
	majority INTEGER,
	passed INTEGER,
	decided_at BIGINT,
	created_at BIGINT NOT NULL
);
CREATE INDEX motion_matter ON motion(matter_id, id);

-- The invitation a meeting posts is a notice of its own kind: posted at the
-- cultural house, on paper to each household, and on this site.
INSERT INTO notice_category (code, law_item, name_vi, name_en, min_days, position, updated_at)
VALUES ('meeting', NULL, 'Thông báo họp cộng đồng dân cư', 'Notice of a community meeting', 1, 15, 0);
INSERT INTO notice_category_channel (category_id, channel, days, due_days)
SELECT id, 'web', 1, 0 FROM notice_category WHERE code = 'meeting';
INSERT INTO notice_category_channel (category_id, channel, days, due_days)
SELECT id, 'post_community', 1, 1 FROM notice_category WHERE code = 'meeting';
INSERT INTO notice_category_channel (category_id, channel, days, due_days)
SELECT id, 'household', 1, 2 FROM notice_category WHERE code = 'meeting';
