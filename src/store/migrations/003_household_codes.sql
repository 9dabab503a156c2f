-- 003 household codes: a registry code is unique within the ward that issued
-- it, not within the ward the household is in now. After wards merge (2025),
-- two households may carry the same code in one ward; both keep it.
ALTER TABLE household ADD COLUMN registered_ward_id BIGINT REFERENCES unit(id);
UPDATE household SET registered_ward_id = ward_id;
DROP INDEX household_code;
CREATE UNIQUE INDEX household_code ON household(registered_ward_id, code) WHERE code IS NOT NULL;
CREATE INDEX household_ward_code ON household(ward_id, code);
