-- 011 ballot secrecy: which household took part and which receipt carries
-- which choice are kept apart, so that nothing in the database ties a
-- household to its receipt (and through the public tally to its choice).
--
-- ballot_roll: one row per household of the community when voting opened.
-- how is NULL until the household takes part: 'online' once its
-- representative voted online, 'paper' once it signed for a paper ballot
-- on the distribution list (what it chose on paper is on an anonymous
-- slip). by_id is the representative who voted or the officer who handed
-- the slip.
CREATE TABLE ballot_roll (
	matter_id BIGINT NOT NULL REFERENCES matter(id),
	household_id BIGINT NOT NULL REFERENCES household(id),
	how TEXT,
	at BIGINT,
	by_id BIGINT,
	PRIMARY KEY (matter_id, household_id)
);
CREATE INDEX ballot_roll_household ON ballot_roll(household_id);

-- ballot_box: the ballots, by receipt, with no household, account or time.
-- kind 'online': drawn at random when a household votes online, shown to
-- it once; kind 'paper': printed on a slip drawn by whoever signs for one.
-- choice is NULL until the ballot is cast (a slip counted). When a matter
-- closes, receipts never cast are deleted and the cast ones are written
-- again in receipt order. On SQLite the table is stored in receipt order
-- (no rowid), so the file keeps no order of casting either.
CREATE TABLE ballot_box (
	matter_id BIGINT NOT NULL REFERENCES matter(id),
	receipt TEXT NOT NULL,
	kind TEXT NOT NULL,
	choice TEXT,
	PRIMARY KEY (matter_id, receipt)
-- @sqlite
) WITHOUT ROWID;
-- @end
-- @postgres
);
-- @end

-- Ballots of earlier matters: households keep that they voted and how, the
-- box keeps the cast receipts and choices (so published tallies and their
-- hashes stay as they are). Receipts never cast were paired with their
-- households and are dropped: paper ballots printed for a vote open during
-- the upgrade must be printed again.
INSERT INTO ballot_roll (matter_id, household_id, how, at, by_id)
SELECT matter_id, household_id,
	CASE WHEN choice IS NULL THEN NULL ELSE COALESCE(how, 'online') END,
	cast_at, cast_by
FROM ballot;
INSERT INTO ballot_box (matter_id, receipt, kind, choice)
SELECT matter_id, receipt, COALESCE(how, 'online'), choice FROM ballot
WHERE choice IS NOT NULL ORDER BY matter_id, receipt;

-- @sqlite
-- overwrite the freed pages rather than leave the old pairs in the file
PRAGMA secure_delete = ON;
-- @end
DROP TABLE ballot;
