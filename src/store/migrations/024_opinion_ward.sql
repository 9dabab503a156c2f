-- 024 opinion ward: a resident's opinion on a draft carries the commune of
-- the household that gave it (the distribution key, docs/SCALE.md), and is
-- written under that commune's lock: comments from many communes on a
-- city's or the nation's draft never wait on each other. Opinions recorded
-- by officers or given by organizations keep it NULL (deployment-wide).
ALTER TABLE opinion ADD COLUMN ward_id BIGINT REFERENCES unit(id);
UPDATE opinion SET ward_id = (SELECT h.ward_id FROM household h WHERE h.id = opinion.household_id)
WHERE household_id IS NOT NULL;
CREATE INDEX opinion_ward ON opinion(ward_id);
