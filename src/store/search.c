/*
 * Full-text search (search.h): the words are made here, in C, once for both
 * engines; each engine gets its own query text and subquery.
 */
#include "store/search.h"

#include <stdatomic.h>
#include <stdlib.h>

#include "base/buf.h"

/* Longer runs of letters and digits are not words but noise (hashes, pasted
 * codes). Dropping them also keeps PostgreSQL, which skips words over 2047
 * characters with a notice, in step with FTS5, which does not. */
#define WORD_MAX 100

/* ------------------------------------------------------------------ words */

static int is_digit(int c)
{
	return c >= '0' && c <= '9';
}

static int is_word_char(int c)
{
	return is_digit(c) || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

static int lower(int c)
{
	return c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c;
}

/*
 * The length of the first word in the run s[0..len) of word characters.
 * PostgreSQL's parser reads a run that starts like a number in scientific
 * notation as that number and then a word ("3e10x" is 3e10 and x), where
 * FTS5 sees one word; cutting the run at the same place makes them agree.
 * Any other run is one word on both.
 */
static size_t first_word_len(const char *s, size_t len)
{
	size_t i = 0;
	while (i < len && is_digit(s[i]))
		i++;
	if (i == 0 || i + 1 >= len || lower(s[i]) != 'e' || !is_digit(s[i + 1]))
		return len;
	for (i += 2; i < len && is_digit(s[i]); i++)
		;
	return i;
}

/* The next word at or after *p: points *word at it, moves *p past it and
 * returns its length, or 0 when there is none left. */
static size_t next_word(const char **p, const char **word)
{
	const char *s = *p;
	size_t len;
	do {
		while (*s && !is_word_char((unsigned char)*s))
			s++;
		size_t run = 0;
		while (is_word_char((unsigned char)s[run]))
			run++;
		len = first_word_len(s, run);
		*word = s;
		s += len;
	} while (len > WORD_MAX);
	*p = s;
	return len;
}

/* How words are written out: the stored text, FTS5's query (each word a
 * quoted string, so AND, OR, NEAR, * and the like are only words; all of
 * them must match), PostgreSQL's to_tsquery (words joined by &; the
 * a-z0-9 filter has removed every operator character). */
struct word_format {
	const char *open, *close, *sep;
};
static const struct word_format plain = {"", "", " "};
static const struct word_format fts5_query = {"\"", "\"", " "};
static const struct word_format ts_query = {"", "", " & "};

static void add_words(struct buf *out, const char *s, const struct word_format *f)
{
	const char *w;
	size_t len, n = 0;
	if (!s)
		return;
	while ((len = next_word(&s, &w)) > 0) {
		buf_adds(out, n++ ? f->sep : "");
		buf_adds(out, f->open);
		for (size_t i = 0; i < len; i++)
			buf_addch(out, lower((unsigned char)w[i]));
		buf_adds(out, f->close);
	}
}

/* -------------------------------------------------------------- documents */

int search_put(struct db *db, struct dv_err *err, const char *kind, int64_t ref, int64_t unit_id,
	       const char *title, const char *body)
{
	struct buf t = BUF_INIT, b = BUF_INIT;
	add_words(&t, title, &plain);
	add_words(&b, body, &plain);
	/* an upsert keeps the row's id, the rowid of its FTS5 entry */
	int rc = db_run(db, err,
			"INSERT INTO search_doc (kind, ref, unit_id, title, body) "
			"VALUES ($1, $2, $3, $4, $5) ON CONFLICT (kind, ref) DO UPDATE SET "
			"unit_id = excluded.unit_id, title = excluded.title, body = excluded.body",
			DB_T(kind), DB_I(ref), DB_ID(unit_id), DB_T(t.ptr), DB_T(b.ptr));
	buf_release(&t);
	buf_release(&b);
	return rc;
}

int search_delete(struct db *db, struct dv_err *err, const char *kind, int64_t ref)
{
	return db_run(db, err, "DELETE FROM search_doc WHERE kind = $1 AND ref = $2", DB_T(kind),
		      DB_I(ref));
}

/* ---------------------------------------------------------------- queries */

const char *search_terms(struct db *db, struct arena *a, const char *folded_query)
{
	struct buf b = BUF_INIT;
	add_words(&b, folded_query, db_kind(db) == DB_SQLITE ? &fts5_query : &ts_query);
	const char *terms = b.len ? arena_strndup(a, b.ptr, b.len) : NULL;
	buf_release(&b);
	return terms;
}

/*
 * FTS5's bm25() is lower for better matches, so it is negated; its
 * arguments weigh the title column 10 and the body 1. ts_rank's weights
 * are those of the classes {D, C, B, A}: body words are in D (0.1), title
 * words in A (1.0). The kind and the terms are cast on PostgreSQL, which
 * must type parameters from the SQL alone.
 */
static char *make_sql(enum db_kind engine, int kind_param, int terms_param)
{
	struct buf b = BUF_INIT;
	if (engine == DB_SQLITE)
		buf_addf(&b,
			 "SELECT d.ref AS ref, -bm25(search_fts, 10.0, 1.0) AS score "
			 "FROM search_fts JOIN search_doc d ON d.id = search_fts.rowid "
			 "WHERE search_fts MATCH $%d AND d.kind = $%d",
			 terms_param, kind_param);
	else
		buf_addf(&b,
			 "SELECT d.ref AS ref, ts_rank(CAST('{0.1, 0.2, 0.4, 1.0}' AS REAL[]), "
			 "d.tsv, to_tsquery('simple', CAST($%d AS TEXT))) AS score "
			 "FROM search_doc d WHERE d.kind = CAST($%d AS TEXT) "
			 "AND d.tsv @@ to_tsquery('simple', CAST($%d AS TEXT))",
			 terms_param, kind_param, terms_param);
	return buf_detach(&b, NULL);
}

/* Each text is made on first use and kept for the life of the process; two
 * threads making the same one at once keep the first and free the other. */
static _Atomic(const char *) sql_cache[2][DB_MAX_PARAMS][DB_MAX_PARAMS];

const char *search_sql(struct db *db, int kind_param, int terms_param)
{
	if (kind_param < 1 || kind_param > DB_MAX_PARAMS || terms_param < 1 ||
	    terms_param > DB_MAX_PARAMS || kind_param == terms_param)
		return NULL;
	enum db_kind engine = db_kind(db);
	_Atomic(const char *) *slot =
		&sql_cache[engine == DB_SQLITE ? 0 : 1][kind_param - 1][terms_param - 1];
	const char *sql = atomic_load_explicit(slot, memory_order_acquire);
	if (sql)
		return sql;
	char *made = make_sql(engine, kind_param, terms_param);
	if (!atomic_compare_exchange_strong_explicit(slot, &sql, made, memory_order_acq_rel,
						     memory_order_acquire)) {
		free(made);
		return sql;
	}
	return made;
}
