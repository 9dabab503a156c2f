-- 008 paper ballots: a household's paper ballot is entered by two people of
-- the counting team; it counts only when both entries agree. A mismatch is
-- shown to the team and never guessed.
CREATE TABLE ballot_entry (
	matter_id BIGINT NOT NULL REFERENCES matter(id),
	receipt TEXT NOT NULL,
	clerk_id BIGINT NOT NULL,
	choice TEXT NOT NULL,
	at BIGINT NOT NULL,
	PRIMARY KEY (matter_id, receipt, clerk_id)
);
