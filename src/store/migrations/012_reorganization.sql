-- 012 reorganization: units change on a stated day, merged and split units
-- point to their successors, and deployment administrators.

-- The day a change to a unit takes effect (YYYYMMDD), as the decision says;
-- unit_event.at stays the moment it was recorded. NULL for events recorded
-- before this migration.
ALTER TABLE unit_event ADD COLUMN effective_date INTEGER;
ALTER TABLE household_move ADD COLUMN effective_date INTEGER;

-- Which units a unit was made from, directly or through earlier merges and
-- splits: a closure kept by the writes, so "this ward and the wards it was
-- formed from" is one indexed lookup. direct = 1 for the step itself (kind
-- 'merge': predecessor_id was merged into unit_id; 'split': unit_id is one
-- of the units predecessor_id was split into), 0 for the steps before it.
-- A merged unit keeps status 'merged' and merged_into; a split one 'split'.
CREATE TABLE unit_lineage (
	unit_id BIGINT NOT NULL REFERENCES unit(id),
	predecessor_id BIGINT NOT NULL REFERENCES unit(id),
	direct INTEGER NOT NULL,
	kind TEXT NOT NULL,
	effective_date INTEGER NOT NULL,
	PRIMARY KEY (unit_id, predecessor_id)
);
CREATE INDEX unit_lineage_predecessor ON unit_lineage(predecessor_id, direct);

-- Merges recorded before this migration, on the day they were recorded.
-- @sqlite
INSERT INTO unit_lineage (unit_id, predecessor_id, direct, kind, effective_date)
SELECT u.merged_into, u.id, 1, 'merge',
	CAST(strftime('%Y%m%d', u.updated_at + 25200, 'unixepoch') AS INTEGER)
FROM unit u WHERE u.status = 'merged' AND u.merged_into IS NOT NULL;
-- @end
-- @postgres
INSERT INTO unit_lineage (unit_id, predecessor_id, direct, kind, effective_date)
SELECT u.merged_into, u.id, 1, 'merge',
	CAST(to_char(to_timestamp(u.updated_at + 25200) AT TIME ZONE 'UTC', 'YYYYMMDD') AS INTEGER)
FROM unit u WHERE u.status = 'merged' AND u.merged_into IS NOT NULL;
-- @end

-- A deployment administrator acts as a city administrator on every unit,
-- those created later included, and may create top-level units
-- (domain/perm.c reads the flag when it loads the account's actor).
ALTER TABLE account ADD COLUMN deployment_admin INTEGER NOT NULL DEFAULT 0;
