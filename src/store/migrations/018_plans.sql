-- 018 plans: the mobilization year. A unit's plans for a year with their
-- indicators and the tasks they give agencies, organizations and lower
-- units; periodic reports on templates, rolled up the tree; the year-end
-- review with its figures, its narrative, its frozen hash and its
-- conference. Dates are YYYYMMDD integers, instants epoch seconds (see
-- 001); every table with a unit's records carries ward_id (NULL above the
-- ward level), the sharding key.

-- A unit's plan for a year: kind 'mobilization' (công tác dân vận) or
-- 'democracy' (thực hiện dân chủ ở cơ sở). parent_id: the higher unit's
-- plan of the same year and kind it was derived from. status 'draft' or
-- 'adopted' (on adopted_on).
CREATE TABLE plan (
	id @ID@,
	unit_id BIGINT NOT NULL REFERENCES unit(id),
	ward_id BIGINT REFERENCES unit(id),
	year INTEGER NOT NULL,
	kind TEXT NOT NULL,
	status TEXT NOT NULL DEFAULT 'draft',
	title TEXT NOT NULL,
	directions TEXT NOT NULL DEFAULT '',
	parent_id BIGINT REFERENCES plan(id),
	adopted_on INTEGER,
	created_by BIGINT,
	created_at BIGINT NOT NULL,
	updated_at BIGINT NOT NULL
);
CREATE UNIQUE INDEX plan_once ON plan(unit_id, year, kind);
CREATE INDEX plan_parent ON plan(parent_id);
CREATE INDEX plan_year ON plan(year, kind);

-- An indicator of a plan with its target: code names one computed from the
-- modules (domain/plans/figures.h), never typed; without a code it is
-- entered (indicator_value) and name says what it counts. measure: count,
-- percent, money, metres; a percentage target in tenths (955 = 95.5%).
CREATE TABLE plan_indicator (
	id @ID@,
	plan_id BIGINT NOT NULL REFERENCES plan(id),
	ward_id BIGINT REFERENCES unit(id),
	position INTEGER NOT NULL,
	code TEXT,
	name TEXT NOT NULL DEFAULT '',
	measure TEXT NOT NULL,
	target BIGINT,
	parent_id BIGINT REFERENCES plan_indicator(id),
	removed_at BIGINT
);
CREATE INDEX plan_indicator_plan ON plan_indicator(plan_id, position);

-- A value of an entered indicator, as of a day, with its evidence: num
-- (and den, for a percentage: num of den).
CREATE TABLE indicator_value (
	id @ID@,
	indicator_id BIGINT NOT NULL REFERENCES plan_indicator(id),
	ward_id BIGINT REFERENCES unit(id),
	on_date INTEGER NOT NULL,
	num BIGINT NOT NULL,
	den BIGINT NOT NULL DEFAULT 0,
	note TEXT NOT NULL DEFAULT '',
	entered_by BIGINT,
	entered_at BIGINT NOT NULL
);
CREATE INDEX indicator_value_indicator ON indicator_value(indicator_id, on_date, id);

CREATE TABLE indicator_value_file (
	value_id BIGINT NOT NULL REFERENCES indicator_value(id),
	file_id BIGINT NOT NULL REFERENCES file(id),
	position INTEGER NOT NULL,
	caption TEXT NOT NULL DEFAULT '',
	removed_at BIGINT,
	PRIMARY KEY (value_id, file_id)
);
CREATE INDEX indicator_value_file_file ON indicator_value_file(file_id);

-- A task of a plan, given to a unit (the plan's own or a lower one) or to
-- an organization (unit_id is then the organization's unit), with its
-- deadline, the person in charge, the indicator it moves, and the task of
-- the higher plan it takes up (parent_id). batch_id groups the tasks made
-- at once for several assignees (its first task's id). status assigned,
-- in_progress, done or dropped.
CREATE TABLE plan_task (
	id @ID@,
	plan_id BIGINT NOT NULL REFERENCES plan(id),
	ward_id BIGINT REFERENCES unit(id),
	title TEXT NOT NULL,
	detail TEXT NOT NULL DEFAULT '',
	unit_id BIGINT NOT NULL REFERENCES unit(id),
	organization_id BIGINT REFERENCES organization(id),
	owner TEXT NOT NULL DEFAULT '',
	due_on INTEGER NOT NULL,
	indicator_id BIGINT REFERENCES plan_indicator(id),
	parent_id BIGINT REFERENCES plan_task(id),
	batch_id BIGINT,
	status TEXT NOT NULL DEFAULT 'assigned',
	progress TEXT NOT NULL DEFAULT '',
	done_on INTEGER,
	created_by BIGINT,
	created_at BIGINT NOT NULL,
	updated_by BIGINT,
	updated_at BIGINT NOT NULL
);
CREATE INDEX plan_task_plan ON plan_task(plan_id, due_on, id);
CREATE INDEX plan_task_unit ON plan_task(unit_id, status, due_on);
CREATE INDEX plan_task_org ON plan_task(organization_id, status, due_on);
CREATE INDEX plan_task_parent ON plan_task(parent_id);

-- Each change of a task's status, with its note and day: the task's
-- history.
CREATE TABLE plan_task_event (
	id @ID@,
	task_id BIGINT NOT NULL REFERENCES plan_task(id),
	ward_id BIGINT REFERENCES unit(id),
	status TEXT NOT NULL,
	note TEXT NOT NULL DEFAULT '',
	on_date INTEGER NOT NULL,
	by_id BIGINT,
	at BIGINT NOT NULL
);
CREATE INDEX plan_task_event_task ON plan_task_event(task_id, id);

CREATE TABLE plan_task_file (
	task_id BIGINT NOT NULL REFERENCES plan_task(id),
	file_id BIGINT NOT NULL REFERENCES file(id),
	position INTEGER NOT NULL,
	caption TEXT NOT NULL DEFAULT '',
	removed_at BIGINT,
	PRIMARY KEY (task_id, file_id)
);
CREATE INDEX plan_task_file_file ON plan_task_file(file_id);

-- A template of periodic reports a unit asks of the units below it: kind
-- monthly, quarterly, half or annual; sections (one heading a line) for
-- the text; items (periodic_item) for the figures, each computed (code)
-- or entered (name).
CREATE TABLE periodic_template (
	id @ID@,
	unit_id BIGINT NOT NULL REFERENCES unit(id),
	ward_id BIGINT REFERENCES unit(id),
	kind TEXT NOT NULL,
	name TEXT NOT NULL,
	sections TEXT NOT NULL,
	active INTEGER NOT NULL DEFAULT 1,
	created_by BIGINT,
	created_at BIGINT NOT NULL
);
CREATE INDEX periodic_template_unit ON periodic_template(unit_id, active);

CREATE TABLE periodic_item (
	template_id BIGINT NOT NULL REFERENCES periodic_template(id),
	position INTEGER NOT NULL,
	code TEXT,
	name TEXT NOT NULL DEFAULT '',
	measure TEXT NOT NULL,
	PRIMARY KEY (template_id, position)
);

-- A unit's report on a template for one period (period: the month 1-12,
-- the quarter 1-4, the half 1-2, or 1 for a year), its deadline (the rule
-- in force when it was first saved) and when it was submitted. Values and
-- texts are frozen at submission.
CREATE TABLE periodic_report (
	id @ID@,
	template_id BIGINT NOT NULL REFERENCES periodic_template(id),
	unit_id BIGINT NOT NULL REFERENCES unit(id),
	ward_id BIGINT REFERENCES unit(id),
	year INTEGER NOT NULL,
	period INTEGER NOT NULL,
	status TEXT NOT NULL DEFAULT 'draft',
	due_on INTEGER NOT NULL,
	submitted_on INTEGER,
	submitted_by BIGINT,
	submitted_at BIGINT,
	updated_by BIGINT,
	updated_at BIGINT NOT NULL
);
CREATE UNIQUE INDEX periodic_report_once ON periodic_report(template_id, unit_id, year, period);
CREATE INDEX periodic_report_unit ON periodic_report(unit_id, status);

CREATE TABLE periodic_value (
	report_id BIGINT NOT NULL REFERENCES periodic_report(id),
	position INTEGER NOT NULL,
	num BIGINT NOT NULL,
	den BIGINT NOT NULL DEFAULT 0,
	PRIMARY KEY (report_id, position)
);

CREATE TABLE periodic_text (
	report_id BIGINT NOT NULL REFERENCES periodic_report(id),
	section INTEGER NOT NULL,
	body TEXT NOT NULL,
	PRIMARY KEY (report_id, section)
);

-- The year-end review of a unit (báo cáo tổng kết): status draft, final
-- (frozen: hash is the BLAKE2b-256 of its content, also in the audit
-- chain) or published (its notice and its news article).
CREATE TABLE review (
	id @ID@,
	unit_id BIGINT NOT NULL REFERENCES unit(id),
	ward_id BIGINT REFERENCES unit(id),
	year INTEGER NOT NULL,
	status TEXT NOT NULL DEFAULT 'draft',
	title TEXT NOT NULL,
	authority TEXT NOT NULL,
	place TEXT NOT NULL,
	signer_title TEXT NOT NULL DEFAULT '',
	signer_name TEXT NOT NULL DEFAULT '',
	built_at BIGINT NOT NULL,
	built_by BIGINT,
	hash TEXT,
	final_on INTEGER,
	final_at BIGINT,
	final_by BIGINT,
	notice_id BIGINT REFERENCES notice(id),
	article_id BIGINT REFERENCES article(id),
	published_at BIGINT,
	created_at BIGINT NOT NULL,
	updated_at BIGINT NOT NULL
);
CREATE UNIQUE INDEX review_once ON review(unit_id, year);
CREATE INDEX review_status ON review(status, unit_id);

-- The narrative parts officers write (part: a name of enum review_part).
CREATE TABLE review_part (
	review_id BIGINT NOT NULL REFERENCES review(id),
	part TEXT NOT NULL,
	body TEXT NOT NULL,
	PRIMARY KEY (review_id, part)
);

-- The figures, as computed from the modules when the draft was built:
-- key a name of enum fig, for the review's unit or one of its parts
-- (unit_id), for its year and the years before (the trends).
CREATE TABLE review_figure (
	review_id BIGINT NOT NULL REFERENCES review(id),
	unit_id BIGINT NOT NULL REFERENCES unit(id),
	year INTEGER NOT NULL,
	key TEXT NOT NULL,
	value BIGINT NOT NULL,
	PRIMARY KEY (review_id, unit_id, year, key)
);

-- The lists the draft was built with: the commendation (kind 'award',
-- ref an award), next year's tasks ('task', ref a plan_task), indicators
-- short of their target ('short', ref a plan_indicator), the per-unit
-- order of the parts ('unit', ref a unit).
CREATE TABLE review_line (
	review_id BIGINT NOT NULL REFERENCES review(id),
	kind TEXT NOT NULL,
	position INTEGER NOT NULL,
	grp TEXT NOT NULL DEFAULT '',
	ref BIGINT,
	label TEXT NOT NULL,
	detail TEXT NOT NULL DEFAULT '',
	PRIMARY KEY (review_id, kind, position)
);

-- The review conference: when, where, who took part, the agenda; and the
-- certificates handed at it.
CREATE TABLE review_conference (
	review_id BIGINT PRIMARY KEY REFERENCES review(id),
	ward_id BIGINT REFERENCES unit(id),
	held_on INTEGER NOT NULL,
	starts TEXT NOT NULL DEFAULT '',
	place TEXT NOT NULL,
	participants TEXT NOT NULL,
	agenda TEXT NOT NULL,
	recorded_by BIGINT,
	recorded_at BIGINT NOT NULL
);

CREATE TABLE review_conference_award (
	review_id BIGINT NOT NULL REFERENCES review(id),
	award_id BIGINT NOT NULL REFERENCES award(id),
	PRIMARY KEY (review_id, award_id)
);

-- The review is published as a notice of this category (and a news
-- article): posted 30 days, on the portal and at the committee.
INSERT INTO notice_category (code, law_item, name_vi, name_en, min_days, position, updated_at)
VALUES ('review', NULL, 'Báo cáo tổng kết công tác dân vận, thực hiện dân chủ ở cơ sở', 'Year-end review of mass mobilization and grassroots democracy', 30, 22, 0);
INSERT INTO notice_category_channel (category_id, channel, days, due_days)
SELECT id, 'web', 1, 0 FROM notice_category WHERE code = 'review';
INSERT INTO notice_category_channel (category_id, channel, days, due_days)
SELECT id, 'post_committee', 1, 2 FROM notice_category WHERE code = 'review';
