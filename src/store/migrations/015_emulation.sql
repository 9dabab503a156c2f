-- 015 emulation: emulation movements (phong trào thi đua) with the
-- commitments of those who take part, their progress and their evaluation
-- at the end of the period; "Dân vận khéo" models with their photos and
-- files, their yearly evaluation by the Mass Mobilization Board and their
-- replications. ward_id is the commune-level unit (NULL above it), the key
-- to shard by. Dates are YYYYMMDD, instants epoch seconds.

-- A movement launched by a unit (city, ward) or one of its organizations:
-- participants lists the kinds that may take part (unit, organization,
-- household, individual), comma separated.
CREATE TABLE movement (
	id @ID@,
	unit_id BIGINT NOT NULL REFERENCES unit(id),
	ward_id BIGINT REFERENCES unit(id),
	organization_id BIGINT REFERENCES organization(id),
	name TEXT NOT NULL,
	name_folded TEXT NOT NULL,
	criteria TEXT NOT NULL,
	participants TEXT NOT NULL,
	starts_on INTEGER NOT NULL,
	ends_on INTEGER NOT NULL,
	created_by BIGINT,
	created_at BIGINT NOT NULL
);
CREATE INDEX movement_unit ON movement(unit_id, ends_on);

-- Who takes part and what it commits to. kind is unit, organization,
-- household or individual; ref the unit, organization, household or
-- resident (NULL for a person outside the registry, named by name and
-- detail); unit_id where the participant belongs. result is set at the
-- end: excellent, good, done or not_done.
CREATE TABLE movement_entry (
	id @ID@,
	movement_id BIGINT NOT NULL REFERENCES movement(id),
	ward_id BIGINT REFERENCES unit(id),
	kind TEXT NOT NULL,
	ref BIGINT,
	unit_id BIGINT NOT NULL REFERENCES unit(id),
	name TEXT NOT NULL,
	name_folded TEXT NOT NULL,
	detail TEXT NOT NULL DEFAULT '',
	commitment TEXT NOT NULL,
	result TEXT,
	result_note TEXT NOT NULL DEFAULT '',
	evaluated_by BIGINT,
	evaluated_at BIGINT,
	registered_by BIGINT,
	registered_at BIGINT NOT NULL
);
CREATE INDEX movement_entry_movement ON movement_entry(movement_id, id);
CREATE INDEX movement_entry_subject ON movement_entry(kind, ref);

CREATE TABLE movement_progress (
	id @ID@,
	entry_id BIGINT NOT NULL REFERENCES movement_entry(id),
	reported_on INTEGER NOT NULL,
	text TEXT NOT NULL,
	reported_by BIGINT,
	reported_at BIGINT NOT NULL
);
CREATE INDEX movement_progress_entry ON movement_progress(entry_id, id);

-- A "Dân vận khéo" model. year is the year it was registered; origin_id the
-- model it replicates. latest_year and latest_verdict repeat its latest
-- evaluation (effective or not_yet), kept by the writes: the public
-- library lists the models whose latest verdict is effective.
CREATE TABLE model (
	id @ID@,
	unit_id BIGINT NOT NULL REFERENCES unit(id),
	ward_id BIGINT REFERENCES unit(id),
	organization_id BIGINT REFERENCES organization(id),
	origin_id BIGINT REFERENCES model(id),
	field TEXT NOT NULL,
	name TEXT NOT NULL,
	name_folded TEXT NOT NULL,
	description TEXT NOT NULL,
	since INTEGER NOT NULL,
	runner TEXT NOT NULL,
	reached BIGINT NOT NULL DEFAULT 0,
	results TEXT NOT NULL DEFAULT '',
	year INTEGER NOT NULL,
	latest_year INTEGER,
	latest_verdict TEXT,
	created_by BIGINT,
	created_at BIGINT NOT NULL,
	updated_at BIGINT NOT NULL
);
CREATE INDEX model_unit ON model(unit_id, year);
CREATE INDEX model_origin ON model(origin_id);
CREATE INDEX model_library ON model(latest_verdict, id);

-- The Mass Mobilization Board's evaluation of a model for a year, with
-- what it saw.
CREATE TABLE model_evaluation (
	model_id BIGINT NOT NULL REFERENCES model(id),
	year INTEGER NOT NULL,
	verdict TEXT NOT NULL,
	notes TEXT NOT NULL DEFAULT '',
	evidence TEXT NOT NULL DEFAULT '',
	evaluated_by BIGINT,
	evaluated_at BIGINT NOT NULL,
	PRIMARY KEY (model_id, year)
);
CREATE INDEX model_evaluation_year ON model_evaluation(year, verdict);

-- Photos and files of a model (the file table of 005).
CREATE TABLE model_file (
	model_id BIGINT NOT NULL REFERENCES model(id),
	file_id BIGINT NOT NULL REFERENCES file(id),
	position INTEGER NOT NULL,
	caption TEXT NOT NULL DEFAULT '',
	removed_at BIGINT,
	PRIMARY KEY (model_id, file_id)
);
CREATE INDEX model_file_file ON model_file(file_id);
