-- 010 consultations: residents comment on a draft before the authority
-- decides (dân tham gia ý kiến, Law 10/2022/QH15, Art. 25-26). A draft is
-- split into numbered sections when it opens; opinions are given on a
-- section (0: the draft as a whole), each with the channel it came by; the
-- authority answers each one and publishes the synthesis.
CREATE TABLE consultation (
	id @ID@,
	unit_id BIGINT NOT NULL REFERENCES unit(id),
	kind TEXT NOT NULL,
	status TEXT NOT NULL DEFAULT 'draft',
	title TEXT NOT NULL,
	title_folded TEXT NOT NULL,
	body TEXT NOT NULL,
	summary TEXT NOT NULL DEFAULT '',
	opened_at BIGINT,
	closes_at BIGINT,
	published_at BIGINT,
	created_by BIGINT,
	created_at BIGINT NOT NULL,
	updated_at BIGINT NOT NULL
);
CREATE INDEX consultation_unit ON consultation(unit_id, status, id);
CREATE INDEX consultation_status ON consultation(status, id);

CREATE TABLE consultation_section (
	consultation_id BIGINT NOT NULL REFERENCES consultation(id),
	number INTEGER NOT NULL,
	heading TEXT NOT NULL,
	body TEXT NOT NULL,
	PRIMARY KEY (consultation_id, number)
);

-- account_id: who typed it in (the resident, or the officer recording an
-- opinion given elsewhere); author: who gave it, by name, seen only by
-- those who consult; origin: the public line ("a resident of <community>",
-- or the organization of a collective opinion).
CREATE TABLE opinion (
	id @ID@,
	consultation_id BIGINT NOT NULL REFERENCES consultation(id),
	section INTEGER NOT NULL,
	stance TEXT NOT NULL,
	channel TEXT NOT NULL,
	text TEXT NOT NULL,
	collective INTEGER NOT NULL DEFAULT 0,
	organization_id BIGINT REFERENCES organization(id),
	account_id BIGINT,
	household_id BIGINT REFERENCES household(id),
	author TEXT NOT NULL,
	origin TEXT NOT NULL,
	created_at BIGINT NOT NULL,
	answer TEXT,
	reason TEXT NOT NULL DEFAULT '',
	answered_by BIGINT,
	answered_at BIGINT
);
CREATE INDEX opinion_consultation ON opinion(consultation_id, section, id);
CREATE INDEX opinion_account ON opinion(account_id, consultation_id);
