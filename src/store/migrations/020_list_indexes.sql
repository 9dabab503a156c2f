-- 020 list indexes: the households of a ward or a neighborhood in id order
-- straight from an index (household_list pages through them), and on
-- PostgreSQL trigram indexes for searching addresses, codes and residents'
-- names by any part (pg_trgm, a trusted extension: the database's owner may
-- create it). SQLite scans the unit's households for a search, which its
-- own figures show is fast enough.
DROP INDEX household_unit;
CREATE INDEX household_unit_list ON household (unit_id, status, id);
CREATE INDEX household_ward_list ON household (ward_id, status, id);

-- @postgres
CREATE EXTENSION IF NOT EXISTS pg_trgm;
CREATE INDEX household_address_trgm ON household USING GIN (address_folded gin_trgm_ops);
CREATE INDEX household_code_trgm ON household USING GIN ((LOWER(COALESCE(code, ''))) gin_trgm_ops);
CREATE INDEX resident_name_trgm ON resident USING GIN (name_folded gin_trgm_ops);
-- @end
