/*
 * Full-text search, one behaviour on both engines: FTS5 on SQLite, a
 * tsvector with a GIN index on PostgreSQL (the table is made by migration
 * 004_search). The store owns the difference (DESIGN.md, "Storage").
 *
 * A document is a title and a body under a (kind, ref) key: kind names what
 * is indexed ("notice"), ref the id of the indexed row. Callers pass text
 * already folded (base/text.h text_fold: no tones or marks, đ as d, lower
 * case). The store keeps only its words, runs of a-z and 0-9 (A-Z is
 * lowered; anything else, non-ASCII bytes included, separates words), so
 * FTS5's tokenizer and PostgreSQL's 'simple' parser see the same words:
 * "1.250.000" is the words 1 250 000, "hẻm-5" (folded "hem-5") is hem 5.
 * Words over 100 characters are dropped: no real word is that long.
 *
 * A search matches the documents holding every word of the query, whole
 * words only; a title word weighs about ten times a body word in the score.
 */
#ifndef DV_STORE_SEARCH_H
#define DV_STORE_SEARCH_H

#include <stdint.h>

#include "base/arena.h"
#include "base/err.h"
#include "store/db.h"

/*
 * Index the document (kind, ref), replacing what was indexed under that key.
 * unit_id is kept for callers' filters (0 for none). title and body are
 * folded text (NULL reads as ""). One statement, atomic on its own; call it
 * inside the transaction that changes the indexed row, so both change
 * together. DV_EDB if the database fails.
 */
int search_put(struct db *db, struct dv_err *err, const char *kind, int64_t ref, int64_t unit_id,
	       const char *title, const char *body);

/* Remove the document (kind, ref) from the index; no error if it was not
 * there. DV_EDB if the database fails. */
int search_delete(struct db *db, struct dv_err *err, const char *kind, int64_t ref);

/*
 * The engine's query text for the words of a folded query, all of which
 * must match: "w1" "w2" for FTS5, w1 & w2 for PostgreSQL's to_tsquery.
 * Every operator of either query language is neutralized, whatever the
 * input. An arena string, to pass as search_sql()'s terms parameter; NULL
 * when the query holds no word (only punctuation, or nothing), which the
 * caller should read as "nothing matches".
 */
const char *search_terms(struct db *db, struct arena *a, const char *folded_query);

/*
 * The text of a SQL subquery yielding the columns ref and score (higher is
 * better) of the documents of kind $kind_param matching the terms
 * $terms_param (from search_terms()), to compose into a caller's query:
 *   "SELECT n.id FROM notice n JOIN (%s) s ON s.ref = n.id
 *    WHERE ... ORDER BY s.score DESC, n.id DESC"
 * It holds no values, only the two $N parameters. A static string, the same
 * for the same engine and parameter numbers, safe to use from any thread;
 * NULL if a parameter number is outside 1..DB_MAX_PARAMS or both are the
 * same (a bug in the caller).
 */
const char *search_sql(struct db *db, int kind_param, int terms_param);

#endif
