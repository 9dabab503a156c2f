-- 001 foundation: units, organizations, households, residents, accounts,
-- role grants and the audit chain.
-- Written once for SQLite and PostgreSQL; @ID@ is the engine's 64-bit
-- auto-increment primary key. Times are UTC epoch seconds; calendar dates
-- are integers YYYYMMDD; booleans are 0/1 integers.

-- Administrative units form a tree of any depth. A unit that was merged into
-- another keeps its row (status 'merged', merged_into set), so records made in
-- it stay attached to it. households/residents count the whole subtree and are
-- kept up to date by the writes that change them.
CREATE TABLE unit (
	id @ID@,
	parent_id BIGINT REFERENCES unit(id),
	kind TEXT NOT NULL,
	name TEXT NOT NULL,
	name_folded TEXT NOT NULL,
	code TEXT,
	status TEXT NOT NULL DEFAULT 'active',
	merged_into BIGINT REFERENCES unit(id),
	households BIGINT NOT NULL DEFAULT 0,
	residents BIGINT NOT NULL DEFAULT 0,
	created_at BIGINT NOT NULL,
	updated_at BIGINT NOT NULL
);
CREATE INDEX unit_parent ON unit(parent_id, name_folded);
CREATE INDEX unit_folded ON unit(name_folded);
CREATE UNIQUE INDEX unit_code_active ON unit(code) WHERE code IS NOT NULL AND status = 'active';

-- Closure table: one row per (ancestor, descendant) pair, a unit being its own
-- ancestor at depth 0. Subtree and ancestor questions are one indexed lookup.
CREATE TABLE unit_tree (
	ancestor BIGINT NOT NULL REFERENCES unit(id),
	descendant BIGINT NOT NULL REFERENCES unit(id),
	depth INTEGER NOT NULL,
	PRIMARY KEY (ancestor, descendant)
);
CREATE INDEX unit_tree_descendant ON unit_tree(descendant, depth);

-- What happened to a unit: created, renamed, moved, merged (into other_id),
-- absorbed (other_id merged into it).
CREATE TABLE unit_event (
	id @ID@,
	unit_id BIGINT NOT NULL REFERENCES unit(id),
	kind TEXT NOT NULL,
	old_name TEXT,
	new_name TEXT,
	old_parent_id BIGINT,
	new_parent_id BIGINT,
	other_id BIGINT,
	actor_id BIGINT,
	at BIGINT NOT NULL
);
CREATE INDEX unit_event_unit ON unit_event(unit_id, at);

CREATE TABLE organization (
	id @ID@,
	unit_id BIGINT NOT NULL REFERENCES unit(id),
	kind TEXT NOT NULL,
	name TEXT NOT NULL,
	name_folded TEXT NOT NULL,
	created_at BIGINT NOT NULL
);
CREATE INDEX organization_unit ON organization(unit_id, kind);

-- A household lives in a community-level unit (neighborhood, village,
-- residential group). ward_id is its commune-level unit, the key the schema
-- can be sharded by; origin_unit_id is where it was registered.
CREATE TABLE household (
	id @ID@,
	unit_id BIGINT NOT NULL REFERENCES unit(id),
	ward_id BIGINT NOT NULL REFERENCES unit(id),
	origin_unit_id BIGINT NOT NULL REFERENCES unit(id),
	code TEXT,
	address TEXT NOT NULL,
	address_folded TEXT NOT NULL,
	representative_id BIGINT,
	status TEXT NOT NULL DEFAULT 'active',
	created_at BIGINT NOT NULL,
	updated_at BIGINT NOT NULL
);
CREATE INDEX household_unit ON household(unit_id, status);
CREATE INDEX household_ward ON household(ward_id);
CREATE UNIQUE INDEX household_code ON household(ward_id, code) WHERE code IS NOT NULL;

-- Who moved a household between units, and when (reorganizations included).
CREATE TABLE household_move (
	id @ID@,
	household_id BIGINT NOT NULL REFERENCES household(id),
	from_unit_id BIGINT NOT NULL REFERENCES unit(id),
	to_unit_id BIGINT NOT NULL REFERENCES unit(id),
	reason TEXT NOT NULL,
	actor_id BIGINT,
	at BIGINT NOT NULL
);
CREATE INDEX household_move_household ON household_move(household_id);

-- national_id, phone and birth_date are personal data: shown only to those
-- who manage the household's unit.
CREATE TABLE resident (
	id @ID@,
	household_id BIGINT NOT NULL REFERENCES household(id),
	ward_id BIGINT NOT NULL REFERENCES unit(id),
	full_name TEXT NOT NULL,
	name_folded TEXT NOT NULL,
	sort_key TEXT NOT NULL,
	birth_date INTEGER,
	gender TEXT NOT NULL,
	phone TEXT,
	relation TEXT NOT NULL,
	national_id TEXT,
	status TEXT NOT NULL DEFAULT 'present',
	status_date INTEGER,
	created_at BIGINT NOT NULL,
	updated_at BIGINT NOT NULL
);
CREATE INDEX resident_household ON resident(household_id, status);
CREATE INDEX resident_ward_name ON resident(ward_id, name_folded);

CREATE TABLE account (
	id @ID@,
	login TEXT NOT NULL UNIQUE,
	password_hash TEXT NOT NULL,
	display_name TEXT NOT NULL,
	household_id BIGINT REFERENCES household(id),
	resident_id BIGINT REFERENCES resident(id),
	status TEXT NOT NULL DEFAULT 'active',
	created_at BIGINT NOT NULL,
	updated_at BIGINT NOT NULL
);
CREATE INDEX account_household ON account(household_id);

-- A role granted on a unit applies to the unit's whole subtree.
CREATE TABLE role_grant (
	id @ID@,
	account_id BIGINT NOT NULL REFERENCES account(id),
	role TEXT NOT NULL,
	unit_id BIGINT NOT NULL REFERENCES unit(id),
	organization_id BIGINT REFERENCES organization(id),
	granted_by BIGINT,
	created_at BIGINT NOT NULL,
	revoked_at BIGINT
);
CREATE INDEX role_grant_account ON role_grant(account_id);
CREATE INDEX role_grant_unit ON role_grant(unit_id, role);

-- The audit chain. id is assigned from audit_head.seq, so the chain has no
-- gaps; hash is BLAKE2b-256 over prev_hash and the row's fields. Rows are
-- only ever appended. audit_head holds the head; updating it first takes the
-- row lock that serializes concurrent writers on PostgreSQL.
CREATE TABLE audit (
	id BIGINT PRIMARY KEY,
	at BIGINT NOT NULL,
	actor_id BIGINT,
	action TEXT NOT NULL,
	entity TEXT NOT NULL,
	entity_id BIGINT,
	unit_id BIGINT,
	details TEXT NOT NULL,
	prev_hash TEXT NOT NULL,
	hash TEXT NOT NULL
);
CREATE INDEX audit_entity ON audit(entity, entity_id);

CREATE TABLE audit_head (
	id INTEGER PRIMARY KEY,
	seq BIGINT NOT NULL,
	hash TEXT NOT NULL
);
INSERT INTO audit_head (id, seq, hash) VALUES (1, 0, '0000000000000000000000000000000000000000000000000000000000000000');
