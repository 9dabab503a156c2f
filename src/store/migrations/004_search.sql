-- 004 search: the full-text index the store keeps for the domain
-- (src/store/search.c). One row per indexed document, keyed by what it is
-- (kind, e.g. 'notice') and the id of its row (ref). title and body hold
-- the words the store made of the folded text: a-z and 0-9 runs separated
-- by single spaces, so both engines index the same words.
-- unit_id is there for callers' filters; no foreign key, since the indexed
-- row already answers for it.
CREATE TABLE search_doc (
	id @ID@,
	kind TEXT NOT NULL,
	ref BIGINT NOT NULL,
	unit_id BIGINT,
	title TEXT NOT NULL,
	body TEXT NOT NULL
-- @postgres
	-- title words in weight class A, body words in D: ts_rank's weights
	-- make a title word count ten times a body word
	, tsv TSVECTOR GENERATED ALWAYS AS (
		setweight(to_tsvector('simple', title), 'A') ||
		setweight(to_tsvector('simple', body), 'D')) STORED
-- @end
);
CREATE UNIQUE INDEX search_doc_key ON search_doc(kind, ref);

-- @postgres
CREATE INDEX search_doc_tsv ON search_doc USING GIN (tsv);
-- @end

-- @sqlite
-- An external-content FTS5 table: it indexes search_doc's title and body
-- under search_doc's id as its rowid, and stores no second copy of the
-- text. Such an index must be told the old text to remove a row, so
-- triggers keep it in step with every write to search_doc, including the
-- UPDATE an upsert does. The unicode61 tokenizer splits on anything but
-- letters and digits; the words it is given are already plain a-z0-9.
CREATE VIRTUAL TABLE search_fts USING fts5(
	title, body, content = 'search_doc', content_rowid = 'id', tokenize = 'unicode61');
CREATE TRIGGER search_doc_ai AFTER INSERT ON search_doc BEGIN
	INSERT INTO search_fts (rowid, title, body) VALUES (new.id, new.title, new.body);
END;
CREATE TRIGGER search_doc_ad AFTER DELETE ON search_doc BEGIN
	INSERT INTO search_fts (search_fts, rowid, title, body)
	VALUES ('delete', old.id, old.title, old.body);
END;
CREATE TRIGGER search_doc_au AFTER UPDATE ON search_doc BEGIN
	INSERT INTO search_fts (search_fts, rowid, title, body)
	VALUES ('delete', old.id, old.title, old.body);
	INSERT INTO search_fts (rowid, title, body) VALUES (new.id, new.title, new.body);
END;
-- @end
