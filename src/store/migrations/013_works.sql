-- 013 works: co-funded community works ("Nhà nước và nhân dân cùng làm":
-- alley roads, street lights, security cameras) with a public ledger per
-- work and a community investment supervision board (dân làm, dân kiểm
-- tra, dân giám sát). Money is whole đồng, dates YYYYMMDD, instants epoch
-- seconds (see 001). ward_id is the commune-level unit, the sharding key.

-- A work belongs to a unit (usually a community). matter_id is the
-- decision of Art. 15 type 1 that allows collecting from households, rule
-- and rule_amount the contribution it decided. entries and head_hash are
-- the ledger's length and the hash of its last entry (64 zeros before the
-- first), kept by the writes. The notices are the plan and the final
-- accounts, published as public disclosure.
CREATE TABLE work (
	id @ID@,
	unit_id BIGINT NOT NULL REFERENCES unit(id),
	ward_id BIGINT REFERENCES unit(id),
	kind TEXT NOT NULL,
	status TEXT NOT NULL DEFAULT 'planned',
	name TEXT NOT NULL,
	name_folded TEXT NOT NULL,
	place TEXT NOT NULL,
	goal TEXT NOT NULL DEFAULT '',
	estimate BIGINT NOT NULL,
	starts_on INTEGER,
	ends_on INTEGER,
	matter_id BIGINT REFERENCES matter(id),
	rule TEXT NOT NULL DEFAULT '',
	rule_amount BIGINT NOT NULL DEFAULT 0,
	treasurer_id BIGINT REFERENCES account(id),
	progress INTEGER NOT NULL DEFAULT 0,
	entries BIGINT NOT NULL DEFAULT 0,
	head_hash TEXT NOT NULL,
	plan_notice_id BIGINT REFERENCES notice(id),
	settlement_notice_id BIGINT REFERENCES notice(id),
	settlement_summary TEXT NOT NULL DEFAULT '',
	settled_hash TEXT NOT NULL DEFAULT '',
	cancel_reason TEXT NOT NULL DEFAULT '',
	accepted_by BIGINT,
	created_by BIGINT,
	created_at BIGINT NOT NULL,
	updated_at BIGINT NOT NULL,
	collecting_at BIGINT,
	building_at BIGINT,
	accepted_at BIGINT,
	settled_at BIGINT,
	closed_at BIGINT,
	cancelled_at BIGINT
);
CREATE INDEX work_unit ON work(unit_id, id);
CREATE INDEX work_status ON work(status, id);

-- What the work delivers (metres of alley, lights, cameras...).
CREATE TABLE work_output (
	work_id BIGINT NOT NULL REFERENCES work(id),
	output TEXT NOT NULL,
	quantity BIGINT NOT NULL,
	PRIMARY KEY (work_id, output)
);

-- The funding plan, by source.
CREATE TABLE work_funding (
	work_id BIGINT NOT NULL REFERENCES work(id),
	source TEXT NOT NULL,
	amount BIGINT NOT NULL,
	PRIMARY KEY (work_id, source)
);

-- A household's share of a work: its frontage (centimetres, for a rule per
-- metre), an exemption or reduction in a category the community decided
-- (the category is never shown publicly), the amount due when reduced, and
-- whether the household agreed to its name being shown with its
-- contributions; and what it pledged, gave (in cash: cash), was refunded,
-- net of corrections, and its number of entries, kept by the ledger's
-- writes so the households' list reads no ledger.
CREATE TABLE work_household (
	work_id BIGINT NOT NULL REFERENCES work(id),
	household_id BIGINT NOT NULL REFERENCES household(id),
	ward_id BIGINT REFERENCES unit(id),
	frontage_cm BIGINT NOT NULL DEFAULT 0,
	exemption TEXT NOT NULL DEFAULT '',
	category TEXT NOT NULL DEFAULT '',
	due BIGINT NOT NULL DEFAULT 0,
	show_name INTEGER NOT NULL DEFAULT 0,
	pledged BIGINT NOT NULL DEFAULT 0,
	given BIGINT NOT NULL DEFAULT 0,
	cash BIGINT NOT NULL DEFAULT 0,
	refunded BIGINT NOT NULL DEFAULT 0,
	entries BIGINT NOT NULL DEFAULT 0,
	updated_by BIGINT,
	updated_at BIGINT NOT NULL,
	PRIMARY KEY (work_id, household_id)
);
CREATE INDEX work_household_household ON work_household(household_id);

-- The public ledger: nothing is edited or deleted. amount is positive;
-- a correction points at the entry it corrects (corrects), says why (note)
-- and carries its signed effect on the balance (effect). Each entry holds
-- the hash of the entry before it in the same work (prev_hash) and its own
-- (hash), over length-prefixed fields (domain/works/ledger.c), so a
-- rewritten entry breaks the chain and `danvan verify` names it.
CREATE TABLE work_ledger (
	id @ID@,
	work_id BIGINT NOT NULL REFERENCES work(id),
	ward_id BIGINT REFERENCES unit(id),
	seq BIGINT NOT NULL,
	kind TEXT NOT NULL,
	amount BIGINT NOT NULL,
	effect BIGINT NOT NULL DEFAULT 0,
	household_id BIGINT REFERENCES household(id),
	source TEXT NOT NULL DEFAULT '',
	party TEXT NOT NULL DEFAULT '',
	method TEXT NOT NULL DEFAULT '',
	receipt_no TEXT NOT NULL DEFAULT '',
	item TEXT NOT NULL DEFAULT '',
	quantity TEXT NOT NULL DEFAULT '',
	note TEXT NOT NULL DEFAULT '',
	advance TEXT NOT NULL DEFAULT '',
	corrects BIGINT REFERENCES work_ledger(id),
	on_date INTEGER NOT NULL,
	recorded_by BIGINT,
	recorded_at BIGINT NOT NULL,
	prev_hash TEXT NOT NULL,
	hash TEXT NOT NULL,
	UNIQUE (work_id, seq)
);
CREATE INDEX work_ledger_kind ON work_ledger(work_id, kind, seq);
CREATE INDEX work_ledger_household ON work_ledger(household_id, work_id);

-- The money of a work by kind and source, net of corrections and counting
-- an expense once signed off: kept by the writes, so a page reads a few
-- rows instead of the ledger (verify recomputes them).
CREATE TABLE work_total (
	work_id BIGINT NOT NULL REFERENCES work(id),
	kind TEXT NOT NULL,
	source TEXT NOT NULL,
	amount BIGINT NOT NULL,
	entries BIGINT NOT NULL,
	PRIMARY KEY (work_id, kind, source)
);

-- The community investment supervision board of a work: its members since
-- they were named (started_at) until the board changed or dissolved (ended_at). A resident
-- member was elected at a community meeting (matter_id, a matter of type
-- 5). account_id lets a member sign off in danvan.
CREATE TABLE work_board_member (
	id @ID@,
	work_id BIGINT NOT NULL REFERENCES work(id),
	ward_id BIGINT REFERENCES unit(id),
	name TEXT NOT NULL,
	role TEXT NOT NULL,
	origin TEXT NOT NULL,
	matter_id BIGINT REFERENCES matter(id),
	account_id BIGINT REFERENCES account(id),
	started_at BIGINT NOT NULL,
	ended_at BIGINT
);
CREATE INDEX work_board_member_work ON work_board_member(work_id, ended_at);
CREATE INDEX work_board_member_account ON work_board_member(account_id);

-- A board member's decision on an expense: approved (it counts) or refused
-- with a reason. One per entry; hash binds it to the entry's hash.
CREATE TABLE work_signoff (
	entry_id BIGINT NOT NULL PRIMARY KEY REFERENCES work_ledger(id),
	work_id BIGINT NOT NULL REFERENCES work(id),
	ward_id BIGINT REFERENCES unit(id),
	member_id BIGINT NOT NULL REFERENCES work_board_member(id),
	decision TEXT NOT NULL,
	reason TEXT NOT NULL DEFAULT '',
	at BIGINT NOT NULL,
	hash TEXT NOT NULL
);
CREATE INDEX work_signoff_work ON work_signoff(work_id);

-- What the board found, shown on the work's page.
CREATE TABLE work_finding (
	id @ID@,
	work_id BIGINT NOT NULL REFERENCES work(id),
	ward_id BIGINT REFERENCES unit(id),
	member_id BIGINT NOT NULL REFERENCES work_board_member(id),
	text TEXT NOT NULL,
	at BIGINT NOT NULL
);
CREATE INDEX work_finding_work ON work_finding(work_id, id);

-- Progress: milestones before, during and after the works, with photos.
CREATE TABLE work_milestone (
	id @ID@,
	work_id BIGINT NOT NULL REFERENCES work(id),
	ward_id BIGINT REFERENCES unit(id),
	stage TEXT NOT NULL,
	percent INTEGER NOT NULL,
	note TEXT NOT NULL,
	on_date INTEGER NOT NULL,
	recorded_by BIGINT,
	recorded_at BIGINT NOT NULL
);
CREATE INDEX work_milestone_work ON work_milestone(work_id, id);

-- Files (domain/disclose/attachment.h): photos of milestones, and the
-- invoices of expenses.
CREATE TABLE work_milestone_file (
	milestone_id BIGINT NOT NULL REFERENCES work_milestone(id),
	file_id BIGINT NOT NULL REFERENCES file(id),
	position INTEGER NOT NULL,
	caption TEXT NOT NULL DEFAULT '',
	removed_at BIGINT,
	PRIMARY KEY (milestone_id, file_id)
);

CREATE TABLE work_entry_file (
	entry_id BIGINT NOT NULL REFERENCES work_ledger(id),
	file_id BIGINT NOT NULL REFERENCES file(id),
	position INTEGER NOT NULL,
	caption TEXT NOT NULL DEFAULT '',
	removed_at BIGINT,
	PRIMARY KEY (entry_id, file_id)
);
