-- 006 matters: what residents decide (dân bàn, Law 10/2022 Art. 15-19).
-- A matter of one of the six types of Art. 15 is decided in a community by
-- a meeting, household ballots or an online vote. Every household of the
-- community gets one ballot with a random receipt code when voting opens;
-- the public tally lists receipts and choices, never households.

-- Thresholds and time limits in force, where a deployment changed the legal
-- default (domain/rules.c holds the defaults and their legal basis).
CREATE TABLE rule_setting (
	key TEXT PRIMARY KEY,
	value BIGINT NOT NULL,
	updated_by BIGINT,
	updated_at BIGINT NOT NULL
);

-- kind: 'yesno' (options yes, no, abstain) or 'choice' (options of the
-- matter). eligible is the number of households when voting opened; the
-- result columns are written when it closes, with the SHA-256 of the
-- published tally (also in the audit chain).
CREATE TABLE matter (
	id @ID@,
	unit_id BIGINT NOT NULL REFERENCES unit(id),
	ward_id BIGINT REFERENCES unit(id),
	type INTEGER NOT NULL,
	form TEXT NOT NULL,
	kind TEXT NOT NULL,
	status TEXT NOT NULL DEFAULT 'draft',
	title TEXT NOT NULL,
	body TEXT NOT NULL,
	opened_at BIGINT,
	closes_at BIGINT,
	closed_at BIGINT,
	eligible BIGINT NOT NULL DEFAULT 0,
	cast_count BIGINT NOT NULL DEFAULT 0,
	result_passed INTEGER,
	result_yes BIGINT,
	result_no BIGINT,
	result_abstain BIGINT,
	threshold INTEGER,
	tally_sha256 TEXT,
	parent_id BIGINT REFERENCES matter(id),
	created_by BIGINT,
	created_at BIGINT NOT NULL,
	updated_at BIGINT NOT NULL
);
CREATE INDEX matter_unit ON matter(unit_id, status, created_at);
CREATE INDEX matter_open ON matter(status, closes_at);

CREATE TABLE matter_option (
	matter_id BIGINT NOT NULL REFERENCES matter(id),
	code TEXT NOT NULL,
	position INTEGER NOT NULL,
	label TEXT NOT NULL,
	votes BIGINT NOT NULL DEFAULT 0,
	PRIMARY KEY (matter_id, code)
);

-- The head's and the front committee's agreement an online vote needs.
CREATE TABLE matter_agreement (
	matter_id BIGINT NOT NULL REFERENCES matter(id),
	role TEXT NOT NULL,
	account_id BIGINT NOT NULL,
	at BIGINT NOT NULL,
	PRIMARY KEY (matter_id, role)
);

-- One ballot per household: choice is NULL until it is cast, and never
-- changes after.
CREATE TABLE ballot (
	matter_id BIGINT NOT NULL REFERENCES matter(id),
	household_id BIGINT NOT NULL REFERENCES household(id),
	receipt TEXT NOT NULL,
	choice TEXT,
	how TEXT,
	cast_at BIGINT,
	cast_by BIGINT,
	PRIMARY KEY (matter_id, household_id)
);
CREATE UNIQUE INDEX ballot_receipt ON ballot(matter_id, receipt);
CREATE INDEX ballot_household ON ballot(household_id);
