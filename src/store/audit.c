#include "store/audit.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/buf.h"
#include "store/db_impl.h"

static void hash_field(struct buf *b, const char *s)
{
	buf_addf(b, "%zu:", strlen(s));
	buf_adds(b, s);
	buf_addch(b, '\n');
}

static void hash_field_int(struct buf *b, int64_t v, int null_if_zero)
{
	char tmp[32];
	if (null_if_zero && v == 0)
		tmp[0] = '\0';
	else
		snprintf(tmp, sizeof(tmp), "%" PRId64, v);
	hash_field(b, tmp);
}

/* Fields are length-prefixed, so no choice of content can make two
 * different rows serialize alike. A commune chain's rows add their chain,
 * so a row cannot be moved from one chain to another. */
void audit_row_hash(char out[HASH_HEX_LEN + 1], const char *prev_hash, int64_t seq,
		    const struct audit_entry *e)
{
	struct buf b = BUF_INIT;
	buf_adds(&b, "danvan-audit-v1\n");
	hash_field(&b, prev_hash);
	hash_field_int(&b, seq, 0);
	hash_field_int(&b, e->at, 0);
	hash_field_int(&b, e->actor_id, 1);
	hash_field(&b, e->action);
	hash_field(&b, e->entity);
	hash_field_int(&b, e->entity_id, 1);
	hash_field_int(&b, e->unit_id, 1);
	hash_field(&b, e->details ? e->details : "{}");
	if (e->chain)
		hash_field_int(&b, e->chain, 0);
	hash_hex(out, b.ptr, b.len);
	buf_release(&b);
}

static const char genesis[HASH_HEX_LEN + 1] =
	"0000000000000000000000000000000000000000000000000000000000000000";

/* Move the chain's head one row on (its row lock is held until the end of
 * the transaction) and read the new seq and the previous hash; a chain's
 * first row creates its head. */
static int advance_head(struct db *db, int64_t chain, int64_t *seq, char prev[HASH_HEX_LEN + 1],
			struct dv_err *err)
{
	for (int attempt = 0; attempt < 2; attempt++) {
		struct db_stmt *st = NULL;
		int rc = db_query(db, &st, err,
				  "UPDATE audit_head SET seq = seq + 1 WHERE id = $1 RETURNING seq, hash",
				  DB_I(chain));
		if (rc)
			return rc;
		rc = db_step(st, err);
		if (rc == DB_ROW) {
			*seq = db_col_int(st, 0);
			snprintf(prev, HASH_HEX_LEN + 1, "%s", db_col_text(st, 1));
			db_finish(st);
			return 0;
		}
		if (rc < 0)
			return rc;
		rc = db_run(db, err,
			    "INSERT INTO audit_head (id, seq, hash, anchored) VALUES ($1, 0, $2, 0) "
			    "ON CONFLICT (id) DO NOTHING",
			    DB_I(chain), DB_T(genesis));
		if (rc)
			return rc;
	}
	return dv_sysfail(err, DV_EDB, NULL, "the head of audit chain %lld is missing",
			  (long long)chain);
}

/* PostgreSQL numbers the rows from a sequence, as appenders of different
 * chains run at once; SQLite's appenders take turns. */
static const char *insert_sql(struct db *db)
{
	if (db_kind(db) == DB_POSTGRES)
		return "INSERT INTO audit (chain, seq, at, actor_id, action, entity, entity_id, "
		       "unit_id, details, prev_hash, hash) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, "
		       "$9, $10, $11) RETURNING id";
	/* MAX(id) alone in its SELECT: only then does SQLite read it from the
	 * end of the index instead of scanning it (150,000 ballots ran at 1,679/s) */
	return "INSERT INTO audit (id, chain, seq, at, actor_id, action, entity, entity_id, "
	       "unit_id, details, prev_hash, hash) VALUES (COALESCE((SELECT MAX(id) FROM audit), "
	       "0) + 1, $1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) RETURNING id";
}

static struct db_head *pending_head(struct db *db, int64_t chain)
{
	for (int i = 0; i < db->nheads; i++)
		if (db->heads[i].chain == chain)
			return &db->heads[i];
	return NULL;
}

/* The chain's next seq and previous hash: from the transaction's own
 * head when it appended to the chain before, else from its row (locked). */
static int next_link(struct db *db, int64_t chain, int64_t *seq, char prev[HASH_HEX_LEN + 1],
		     struct dv_err *err)
{
	struct db_head *h = pending_head(db, chain);
	if (!h)
		return advance_head(db, chain, seq, prev, err);
	*seq = h->seq + 1;
	memcpy(prev, h->hash, HASH_HEX_LEN + 1);
	return 0;
}

static int write_head(struct db *db, int64_t chain, int64_t seq, const char *hash,
		      struct dv_err *err)
{
	return db_run(db, err, "UPDATE audit_head SET seq = $1, hash = $2 WHERE id = $3", DB_I(seq),
		      DB_T(hash), DB_I(chain));
}

/* The chain's head moved to the row just appended: kept until commit,
 * or, when the transaction holds DB_HEADS chains already, written now. */
static int move_head(struct db *db, int64_t chain, int64_t seq, const char *hash,
		     struct dv_err *err)
{
	struct db_head *h = pending_head(db, chain);
	if (!h && db->nheads < DB_HEADS) {
		h = &db->heads[db->nheads++];
		h->chain = chain;
	}
	if (!h)
		return write_head(db, chain, seq, hash, err);
	h->seq = seq;
	memcpy(h->hash, hash, HASH_HEX_LEN + 1);
	return 0;
}

int audit_write_heads(struct db *db, struct dv_err *err)
{
	int rc = 0;
	for (int i = 0; !rc && i < db->nheads; i++)
		rc = write_head(db, db->heads[i].chain, db->heads[i].seq, db->heads[i].hash, err);
	return rc;
}

int audit_append(struct db *db, const struct audit_entry *in, int64_t *id_out, struct dv_err *err)
{
	if (!db_in_tx(db))
		return dv_sysfail(err, DV_EINTERNAL, NULL, "audit_append outside a transaction");
	struct audit_entry e = *in;
	e.chain = db_chain(db);
	int64_t seq = 0, id = 0;
	char prev[HASH_HEX_LEN + 1], hash[HASH_HEX_LEN + 1];
	int rc = next_link(db, e.chain, &seq, prev, err);
	if (rc)
		return rc;
	audit_row_hash(hash, prev, seq, &e);
	rc = db_int(db, &id, err, insert_sql(db), DB_I(e.chain), DB_I(seq), DB_I(e.at),
		    DB_ID(e.actor_id), DB_T(e.action), DB_T(e.entity), DB_ID(e.entity_id),
		    DB_ID(e.unit_id), DB_T(e.details ? e.details : "{}"), DB_T(prev), DB_T(hash));
	if (rc)
		return rc == DV_ENOTFOUND ? dv_sysfail(err, DV_EDB, NULL, "no audit row id") : rc;
	if ((rc = move_head(db, e.chain, seq, hash, err)))
		return rc;
	if (id_out)
		*id_out = id;
	return 0;
}

/* ----------------------------------------------------------------- heads */

int audit_head(struct db *db, int64_t *seq, char hash[HASH_HEX_LEN + 1], struct dv_err *err)
{
	struct db_head *h = db_in_tx(db) ? pending_head(db, 0) : NULL;
	if (h) { /* moved by this transaction, not written yet */
		*seq = h->seq;
		memcpy(hash, h->hash, HASH_HEX_LEN + 1);
		return 0;
	}
	struct db_stmt *st = NULL;
	int rc = db_query(db, &st, err, "SELECT seq, hash FROM audit_head WHERE id = 0");
	if (rc)
		return rc;
	rc = db_step(st, err);
	if (rc != DB_ROW)
		return rc < 0 ? rc : dv_sysfail(err, DV_EDB, NULL, "audit_head row is missing");
	*seq = db_col_int(st, 0);
	snprintf(hash, HASH_HEX_LEN + 1, "%s", db_col_text(st, 1));
	db_finish(st);
	return 0;
}

/* Room for one more element in a malloc'd array of n (cap grows by
 * doubling); -1 if memory ran out (the array is left as it was). */
static int room(void **v, size_t *cap, size_t n, size_t size)
{
	if (n < *cap)
		return 0;
	size_t want = *cap ? 2 * *cap : 16;
	void *grown = realloc(*v, want * size);
	if (!grown)
		return -1;
	*v = grown;
	*cap = want;
	return 0;
}

struct head {
	int64_t chain, seq, anchored, anchors;
	char hash[HASH_HEX_LEN + 1];
};

/* Every chain's head (or those that moved since their anchor), malloc'd. */
static int read_heads(struct db *db, int moved_only, struct head **out, size_t *n,
		      struct dv_err *err)
{
	struct db_stmt *st = NULL;
	size_t cap = 0;
	*out = NULL;
	*n = 0;
	int rc = db_query(db, &st, err,
			  "SELECT id, seq, anchored, hash, anchors FROM audit_head "
			  "WHERE $1 = 0 OR (id <> 0 AND seq > anchored) ORDER BY id",
			  DB_I(moved_only));
	if (rc)
		return rc;
	while ((rc = db_step(st, err)) == DB_ROW) {
		if (room((void **)out, &cap, *n, sizeof(**out))) {
			db_finish(st);
			return dv_sysfail(err, DV_ENOMEM, NULL, "out of memory");
		}
		struct head *h = &(*out)[(*n)++];
		h->chain = db_col_int(st, 0);
		h->seq = db_col_int(st, 1);
		h->anchored = db_col_int(st, 2);
		h->anchors = db_col_int(st, 4);
		snprintf(h->hash, sizeof(h->hash), "%s", db_col_text(st, 3));
	}
	return rc < 0 ? rc : 0;
}

/* The heads for the page caches: read_heads' chain, and its seq less its
 * anchors, which change no page. */
int audit_heads(struct db *db, struct audit_seq **out, size_t *n, struct dv_err *err)
{
	struct head *h;
	*out = NULL;
	int rc = read_heads(db, 0, &h, n, err);
	if (!rc && *n && !(*out = malloc(*n * sizeof(**out))))
		rc = dv_sysfail(err, DV_ENOMEM, NULL, "out of memory");
	for (size_t i = 0; !rc && i < *n; i++)
		(*out)[i] = (struct audit_seq){h[i].chain, h[i].seq - h[i].anchors};
	free(h);
	if (rc)
		*n = 0;
	return rc;
}

/* --------------------------------------------------------------- anchors */

static int anchor_one(struct db *db, int64_t now, const struct head *h, struct dv_err *err)
{
	char details[HASH_HEX_LEN + 64];
	snprintf(details, sizeof(details), "{\"hash\":\"%s\",\"seq\":%lld}", h->hash,
		 (long long)h->seq);
	struct audit_entry e = {.at = now,
				.action = "audit.anchor",
				.entity = "audit_chain",
				.entity_id = h->chain,
				.unit_id = h->chain,
				.details = details};
	int rc = audit_append(db, &e, NULL, err);
	if (!rc)
		rc = db_run(db, err, "UPDATE audit_head SET anchored = $1 WHERE id = $2",
			    DB_I(h->seq), DB_I(h->chain));
	return rc;
}

static int anchor_tx(struct db *db, int64_t now, size_t *n, struct dv_err *err)
{
	struct head *heads = NULL;
	int rc = read_heads(db, 1, &heads, n, err);
	for (size_t i = 0; !rc && i < *n; i++)
		rc = anchor_one(db, now, &heads[i], err);
	free(heads);
	if (!rc && *n)
		rc = db_run(db, err, "UPDATE audit_head SET anchors = anchors + $1 WHERE id = 0",
			    DB_I((int64_t)*n));
	return rc;
}

/* A shared transaction that names no commune: it waits for no writer of a
 * commune, and the anchors go to chain 0. It changes no page: the caches
 * do not count it (db_quiet), and they read chain 0 less its anchors. */
int audit_anchor(struct db *db, int64_t now, int *anchored, struct dv_err *err)
{
	size_t n = 0;
	if (anchored)
		*anchored = 0;
	int was = db_quiet(db, 1);
	int rc = db_begin_shared(db, err);
	if (!rc && (rc = anchor_tx(db, now, &n, err)))
		db_rollback(db);
	else if (!rc)
		rc = db_commit(db, err);
	db_quiet(db, was);
	if (!rc && anchored)
		*anchored = (int)n;
	return rc;
}

/* ---------------------------------------------------------------- verify */

static void broken(struct audit_report *r, int64_t chain, int64_t id, const char *why)
{
	if (r->first_bad)
		return;
	r->first_bad = id;
	r->bad_chain = chain;
	snprintf(r->reason, sizeof(r->reason), "%s", why);
}

struct anchor {
	int64_t seq;
	char hash[HASH_HEX_LEN + 1];
};

/* The anchors of one chain recorded in chain 0 up to its head seq0, in
 * order; an anchor whose details do not parse is a broken row of chain 0. */
static int read_anchors(struct db *db, int64_t chain, int64_t seq0, struct anchor **out,
			size_t *n, struct audit_report *r, struct dv_err *err)
{
	struct db_stmt *st = NULL;
	size_t cap = 0;
	*out = NULL;
	*n = 0;
	int rc = db_query(db, &st, err,
			  "SELECT id, details FROM audit WHERE entity = 'audit_chain' AND "
			  "entity_id = $1 AND chain = 0 AND action = 'audit.anchor' AND seq <= $2 "
			  "ORDER BY seq",
			  DB_I(chain), DB_I(seq0));
	if (rc)
		return rc;
	while ((rc = db_step(st, err)) == DB_ROW) {
		struct anchor a;
		long long seq;
		if (sscanf(db_col_text(st, 1), "{\"hash\":\"%64[0-9a-f]\",\"seq\":%lld}", a.hash,
			   &seq) != 2) {
			broken(r, 0, db_col_int(st, 0), "an anchor's details do not parse");
			continue;
		}
		a.seq = seq;
		if (room((void **)out, &cap, *n, sizeof(**out))) {
			db_finish(st);
			return dv_sysfail(err, DV_ENOMEM, NULL, "out of memory");
		}
		(*out)[(*n)++] = a;
	}
	return rc < 0 ? rc : 0;
}

/* One chain, rows 1..h->seq in order: each links to the one before, hashes
 * to what it stores, and matches every anchor that names it. */
static int verify_chain(struct db *db, const struct head *h, const struct anchor *anchors,
			size_t nanchors, struct audit_report *r, struct dv_err *err)
{
	char prev[HASH_HEX_LEN + 1];
	memcpy(prev, genesis, sizeof(prev));
	struct db_stmt *st = NULL;
	int rc = db_query(db, &st, err,
			  "SELECT id, seq, at, actor_id, action, entity, entity_id, unit_id, details, "
			  "prev_hash, hash FROM audit WHERE chain = $1 AND seq <= $2 ORDER BY seq",
			  DB_I(h->chain), DB_I(h->seq));
	if (rc)
		return rc;
	int64_t expect = 1, rows = 0, last_id = 0;
	size_t k = 0;
	while ((rc = db_step(st, err)) == DB_ROW) {
		int64_t id = db_col_int(st, 0), seq = db_col_int(st, 1);
		struct audit_entry e = {
			.at = db_col_int(st, 2),
			.actor_id = db_col_int(st, 3),
			.action = db_col_text(st, 4),
			.entity = db_col_text(st, 5),
			.entity_id = db_col_int(st, 6),
			.unit_id = db_col_int(st, 7),
			.details = db_col_text(st, 8),
			.chain = h->chain,
		};
		char hash[HASH_HEX_LEN + 1];
		if (seq != expect)
			broken(r, h->chain, expect, "a row is missing from the chain");
		else if (strcmp(db_col_text(st, 9), prev) != 0)
			broken(r, h->chain, id, "prev_hash does not match the hash of the row before");
		audit_row_hash(hash, db_col_text(st, 9), seq, &e);
		if (strcmp(hash, db_col_text(st, 10)) != 0)
			broken(r, h->chain, id, "the row's content does not match its hash");
		/* continue from the stored hash, so one edited row is named once */
		snprintf(prev, sizeof(prev), "%s", db_col_text(st, 10));
		for (; k < nanchors && anchors[k].seq <= seq; k++) {
			r->anchors++;
			if (anchors[k].seq != seq || strcmp(anchors[k].hash, prev) != 0)
				broken(r, h->chain, id,
				       "the row differs from what the deployment chain anchored");
		}
		expect = seq + 1;
		last_id = id;
		rows++;
	}
	if (rc < 0)
		return rc;
	r->rows += rows;
	r->chains++;
	if (k < nanchors)
		broken(r, h->chain, last_id, "the deployment chain anchored rows this chain lacks");
	if (rows != h->seq)
		broken(r, h->chain, rows + 1, "rows are missing from the end of the chain");
	else if (strcmp(h->hash, prev) != 0)
		broken(r, h->chain, last_id, "the chain's head hash does not match the last row");
	if (h->chain == 0)
		snprintf(r->head, sizeof(r->head), "%s", prev);
	return 0;
}

/*
 * The heads are read first, in one statement, and only rows up to them are
 * checked: rows appended meanwhile by a running server are beyond them, and
 * rows at or below them never change, so verify needs no lock and no
 * snapshot. Anchors are those in chain 0 up to its head read then, so each
 * names a row at or below its chain's head.
 */
int audit_verify(struct db *db, struct audit_report *r, struct dv_err *err)
{
	memset(r, 0, sizeof(*r));
	struct head *heads = NULL;
	size_t n = 0;
	int rc = read_heads(db, 0, &heads, &n, err);
	int64_t seq0 = n && heads[0].chain == 0 ? heads[0].seq : 0;
	if (!rc && (!n || heads[0].chain != 0))
		rc = dv_sysfail(err, DV_EDB, NULL, "the deployment chain's head is missing");
	for (size_t i = 0; !rc && i < n; i++) {
		struct anchor *anchors = NULL;
		size_t na = 0;
		if (heads[i].chain != 0)
			rc = read_anchors(db, heads[i].chain, seq0, &anchors, &na, r, err);
		if (!rc)
			rc = verify_chain(db, &heads[i], anchors, na, r, err);
		free(anchors);
	}
	free(heads);
	return rc;
}
