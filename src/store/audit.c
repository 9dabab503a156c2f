#include "store/audit.h"

#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "base/buf.h"

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
 * different rows serialize alike. */
void audit_row_hash(char out[HASH_HEX_LEN + 1], const char *prev_hash, int64_t id,
		    const struct audit_entry *e)
{
	struct buf b = BUF_INIT;
	buf_adds(&b, "danvan-audit-v1\n");
	hash_field(&b, prev_hash);
	hash_field_int(&b, id, 0);
	hash_field_int(&b, e->at, 0);
	hash_field_int(&b, e->actor_id, 1);
	hash_field(&b, e->action);
	hash_field(&b, e->entity);
	hash_field_int(&b, e->entity_id, 1);
	hash_field_int(&b, e->unit_id, 1);
	hash_field(&b, e->details ? e->details : "{}");
	hash_hex(out, b.ptr, b.len);
	buf_release(&b);
}

int audit_append(struct db *db, const struct audit_entry *e, int64_t *id_out, struct dv_err *err)
{
	if (!db_in_tx(db))
		return dv_sysfail(err, DV_EINTERNAL, NULL, "audit_append outside a transaction");
	/* Taking the head row's lock first serializes appenders on PostgreSQL;
	 * SQLite's BEGIN IMMEDIATE already has. */
	struct db_stmt *st = NULL;
	int rc = db_query(db, &st, err,
			  "UPDATE audit_head SET seq = seq + 1 WHERE id = 1 RETURNING seq, hash");
	if (rc)
		return rc;
	rc = db_step(st, err);
	if (rc != DB_ROW)
		return rc < 0 ? rc : dv_sysfail(err, DV_EDB, NULL, "audit_head row is missing");
	int64_t id = db_col_int(st, 0);
	char prev[HASH_HEX_LEN + 1];
	snprintf(prev, sizeof(prev), "%s", db_col_text(st, 1));
	db_finish(st);

	char hash[HASH_HEX_LEN + 1];
	audit_row_hash(hash, prev, id, e);
	rc = db_run(db, err,
		    "INSERT INTO audit (id, at, actor_id, action, entity, entity_id, unit_id, "
		    "details, prev_hash, hash) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)",
		    DB_I(id), DB_I(e->at), DB_ID(e->actor_id), DB_T(e->action), DB_T(e->entity),
		    DB_ID(e->entity_id), DB_ID(e->unit_id), DB_T(e->details ? e->details : "{}"),
		    DB_T(prev), DB_T(hash));
	if (rc)
		return rc;
	rc = db_run(db, err, "UPDATE audit_head SET hash = $1 WHERE id = 1", DB_T(hash));
	if (rc)
		return rc;
	if (id_out)
		*id_out = id;
	return 0;
}

int audit_head(struct db *db, int64_t *seq, char hash[HASH_HEX_LEN + 1], struct dv_err *err)
{
	struct db_stmt *st = NULL;
	int rc = db_query(db, &st, err, "SELECT seq, hash FROM audit_head WHERE id = 1");
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

static void broken(struct audit_report *r, int64_t id, const char *why)
{
	if (r->first_bad)
		return;
	r->first_bad = id;
	snprintf(r->reason, sizeof(r->reason), "%s", why);
}

/*
 * The head is read first and only rows up to it are checked: rows appended
 * meanwhile by a running server are beyond it, and rows at or below it never
 * change, so verify needs no lock and no snapshot.
 */
int audit_verify(struct db *db, struct audit_report *r, struct dv_err *err)
{
	memset(r, 0, sizeof(*r));
	int64_t seq;
	char head[HASH_HEX_LEN + 1];
	int rc = audit_head(db, &seq, head, err);
	if (rc)
		return rc;
	char prev[HASH_HEX_LEN + 1];
	memset(prev, '0', HASH_HEX_LEN);
	prev[HASH_HEX_LEN] = '\0';
	struct db_stmt *st = NULL;
	rc = db_query(db, &st, err,
		      "SELECT id, at, actor_id, action, entity, entity_id, unit_id, details, "
		      "prev_hash, hash FROM audit WHERE id <= $1 ORDER BY id",
		      DB_I(seq));
	if (rc)
		return rc;
	int64_t expect = 1;
	while ((rc = db_step(st, err)) == DB_ROW) {
		int64_t id = db_col_int(st, 0);
		struct audit_entry e = {
			.at = db_col_int(st, 1),
			.actor_id = db_col_int(st, 2),
			.action = db_col_text(st, 3),
			.entity = db_col_text(st, 4),
			.entity_id = db_col_int(st, 5),
			.unit_id = db_col_int(st, 6),
			.details = db_col_text(st, 7),
		};
		char h[HASH_HEX_LEN + 1];
		if (id != expect)
			broken(r, expect, "a row is missing from the chain");
		else if (strcmp(db_col_text(st, 8), prev) != 0)
			broken(r, id, "prev_hash does not match the hash of the row before");
		audit_row_hash(h, db_col_text(st, 8), id, &e);
		if (strcmp(h, db_col_text(st, 9)) != 0)
			broken(r, id, "the row's content does not match its hash");
		/* continue from the stored hash, so one edited row is named once */
		snprintf(prev, sizeof(prev), "%s", db_col_text(st, 9));
		expect = id + 1;
		r->rows++;
	}
	if (rc < 0)
		return rc;
	if (r->rows != seq)
		broken(r, r->rows + 1, "rows are missing from the end of the chain");
	else if (strcmp(head, prev) != 0)
		broken(r, seq, "the chain's head hash does not match the last row");
	snprintf(r->head, sizeof(r->head), "%s", prev);
	return 0;
}
