-- 017 awards: commendation (Law 06/2022/QH15, Decree 98/2023/NĐ-CP):
-- rounds of nominations, the register of discipline, investigation and
-- inspection that bars commendation, the emulation and commendation
-- council with its sessions, attendance and each member's vote, the
-- decisions and the awards they make, each with a signed code printed on
-- its certificate. ward_id is the commune-level unit (NULL above it).

-- The deployment's key for signing certificates' codes (a keyed BLAKE2b),
-- made at first use; one row, id 1.
CREATE TABLE award_secret (
	id INTEGER PRIMARY KEY,
	secret @BLOB@ NOT NULL,
	created_at BIGINT NOT NULL
);

-- A round of nominations of a unit (a city, a ward): taken until closes_on
-- (the last day, YYYYMMDD).
CREATE TABLE award_round (
	id @ID@,
	unit_id BIGINT NOT NULL REFERENCES unit(id),
	ward_id BIGINT REFERENCES unit(id),
	name TEXT NOT NULL,
	year INTEGER NOT NULL,
	closes_on INTEGER NOT NULL,
	created_by BIGINT,
	created_at BIGINT NOT NULL
);
CREATE INDEX award_round_unit ON award_round(unit_id, id);

-- A nomination: proposed by a unit (and one of its organizations), of a
-- collective (kind unit, organization, household) or an individual (kind
-- individual; ref a resident, or NULL for a person named by name and
-- detail), for a form, for an achievement (source_kind and source_id link
-- what danvan knows of it: model, entry, grant, or an external record such
-- as work). subject_key and achievement_key identify the subject and the
-- achievement for the rule "one form for one achievement". status
-- proposed, passed, failed, awarded, forwarded (a higher form: its dossier
-- goes up) or withdrawn; the council's count once voted.
CREATE TABLE award_nomination (
	id @ID@,
	round_id BIGINT NOT NULL REFERENCES award_round(id),
	ward_id BIGINT REFERENCES unit(id),
	proposer_unit_id BIGINT NOT NULL REFERENCES unit(id),
	proposer_org_id BIGINT REFERENCES organization(id),
	kind TEXT NOT NULL,
	ref BIGINT,
	subject_unit_id BIGINT NOT NULL REFERENCES unit(id),
	name TEXT NOT NULL,
	name_folded TEXT NOT NULL,
	detail TEXT NOT NULL DEFAULT '',
	subject_key TEXT NOT NULL,
	form TEXT NOT NULL,
	achievement TEXT NOT NULL,
	source_kind TEXT,
	source_id BIGINT,
	achievement_key TEXT NOT NULL,
	status TEXT NOT NULL DEFAULT 'proposed',
	yes BIGINT,
	no BIGINT,
	abstain BIGINT,
	present BIGINT,
	majority INTEGER,
	session_id BIGINT,
	created_by BIGINT,
	created_at BIGINT NOT NULL,
	updated_at BIGINT NOT NULL
);
CREATE INDEX award_nomination_round ON award_nomination(round_id, status, id);
CREATE INDEX award_nomination_subject ON award_nomination(subject_key, achievement_key);

-- Those under discipline, investigation or inspection, who may not be
-- commended meanwhile: from_on to until_on (NULL: until lifted). Seen only
-- by the council and the inspection staff; every change is in the audit.
CREATE TABLE award_restriction (
	id @ID@,
	unit_id BIGINT NOT NULL REFERENCES unit(id),
	ward_id BIGINT REFERENCES unit(id),
	kind TEXT NOT NULL,
	ref BIGINT,
	name TEXT NOT NULL,
	name_folded TEXT NOT NULL,
	detail TEXT NOT NULL DEFAULT '',
	reason TEXT NOT NULL,
	from_on INTEGER NOT NULL,
	until_on INTEGER,
	note TEXT NOT NULL DEFAULT '',
	recorded_by BIGINT,
	recorded_at BIGINT NOT NULL,
	lifted_on INTEGER,
	lifted_by BIGINT,
	lifted_at BIGINT
);
CREATE INDEX award_restriction_name ON award_restriction(name_folded);
CREATE INDEX award_restriction_ref ON award_restriction(kind, ref);
CREATE INDEX award_restriction_unit ON award_restriction(unit_id, id);

-- The emulation and commendation council of a unit: its members.
CREATE TABLE council_member (
	id @ID@,
	unit_id BIGINT NOT NULL REFERENCES unit(id),
	name TEXT NOT NULL,
	position TEXT NOT NULL,
	active INTEGER NOT NULL DEFAULT 1,
	created_at BIGINT NOT NULL,
	left_at BIGINT
);
CREATE INDEX council_member_unit ON council_member(unit_id, active, id);

-- A session of the council on a round: members is the council's size when
-- it opened, present those there; quorum and majority the rules in force.
CREATE TABLE council_session (
	id @ID@,
	round_id BIGINT NOT NULL REFERENCES award_round(id),
	unit_id BIGINT NOT NULL REFERENCES unit(id),
	held_on INTEGER NOT NULL,
	place TEXT NOT NULL,
	members BIGINT NOT NULL,
	present BIGINT NOT NULL,
	quorum BIGINT NOT NULL,
	majority BIGINT NOT NULL,
	status TEXT NOT NULL DEFAULT 'open',
	opened_by BIGINT,
	opened_at BIGINT NOT NULL,
	closed_at BIGINT
);
CREATE INDEX council_session_round ON council_session(round_id, id);

CREATE TABLE council_attendance (
	session_id BIGINT NOT NULL REFERENCES council_session(id),
	member_id BIGINT NOT NULL REFERENCES council_member(id),
	present INTEGER NOT NULL,
	PRIMARY KEY (session_id, member_id)
);

-- Each member's vote on each nomination: yes, no or abstain.
CREATE TABLE council_vote (
	session_id BIGINT NOT NULL REFERENCES council_session(id),
	nomination_id BIGINT NOT NULL REFERENCES award_nomination(id),
	member_id BIGINT NOT NULL REFERENCES council_member(id),
	vote TEXT NOT NULL,
	recorded_by BIGINT,
	recorded_at BIGINT NOT NULL,
	PRIMARY KEY (session_id, nomination_id, member_id)
);

-- The decision on a round: its number, the day it was signed, the
-- authority, the signer and the place, published as notice_id.
CREATE TABLE award_decision (
	id @ID@,
	round_id BIGINT NOT NULL REFERENCES award_round(id),
	unit_id BIGINT NOT NULL REFERENCES unit(id),
	ward_id BIGINT REFERENCES unit(id),
	number TEXT NOT NULL,
	signed_on INTEGER NOT NULL,
	authority TEXT NOT NULL,
	signer_title TEXT NOT NULL,
	signer_name TEXT NOT NULL,
	place TEXT NOT NULL,
	notice_id BIGINT REFERENCES notice(id),
	created_by BIGINT,
	created_at BIGINT NOT NULL
);
CREATE UNIQUE INDEX award_decision_round ON award_decision(round_id);

-- An award a decision made, in its list's order: the commended (copied
-- from the nomination), the form and the achievement, and the code its
-- certificate carries (unique, signed). Revoked with a reason, never
-- deleted.
CREATE TABLE award (
	id @ID@,
	decision_id BIGINT NOT NULL REFERENCES award_decision(id),
	nomination_id BIGINT NOT NULL REFERENCES award_nomination(id),
	ward_id BIGINT REFERENCES unit(id),
	position INTEGER NOT NULL,
	kind TEXT NOT NULL,
	ref BIGINT,
	name TEXT NOT NULL,
	name_folded TEXT NOT NULL,
	detail TEXT NOT NULL DEFAULT '',
	form TEXT NOT NULL,
	achievement TEXT NOT NULL,
	code TEXT NOT NULL UNIQUE,
	revoked_at BIGINT,
	revoked_by BIGINT,
	revoked_reason TEXT
);
CREATE INDEX award_list ON award(decision_id, position);
CREATE INDEX award_name ON award(name_folded);

-- A decision is published as a notice of this category.
INSERT INTO notice_category (code, law_item, name_vi, name_en, min_days, position, updated_at)
VALUES ('awards', NULL, 'Quyết định khen thưởng', 'Commendation decisions', 15, 21, 0);
INSERT INTO notice_category_channel (category_id, channel, days, due_days)
SELECT id, 'web', 1, 0 FROM notice_category WHERE code = 'awards';
INSERT INTO notice_category_channel (category_id, channel, days, due_days)
SELECT id, 'post_committee', 1, 2 FROM notice_category WHERE code = 'awards';
