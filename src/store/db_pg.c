/*
 * PostgreSQL backend over libpq: one connection per thread, statements
 * prepared once by name, rows streamed with single-row mode. Calls are
 * synchronous for now (DESIGN.md: a loopback query is a fraction of a
 * millisecond); the asynchronous API comes when PostgreSQL is remote.
 */
#include "store/db_impl.h"

#include <inttypes.h>
#include <libpq-fe.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/buf.h"
#include "base/log.h"

/* The type of bytea columns (pg_type.oid, fixed in every PostgreSQL). */
#define BYTEA_OID 17

static void quiet_notices(void *arg, const char *msg)
{
	(void)arg;
	(void)msg;
}

static int fail_pg(PGconn *c, PGresult *res, struct dv_err *err, const char *what)
{
	const char *state = res ? PQresultErrorField(res, PG_DIAG_SQLSTATE) : NULL;
	const char *msg = res ? PQresultErrorMessage(res) : PQerrorMessage(c);
	char clean[400];
	snprintf(clean, sizeof(clean), "%s", msg ? msg : "");
	size_t n = strlen(clean);
	while (n && (clean[n - 1] == '\n' || clean[n - 1] == ' '))
		clean[--n] = '\0';
	if (state && strcmp(state, "23505") == 0) {
		/* the schema's words stay in the log; the caller names the conflict */
		log_warn("postgres %s: %s", what, clean);
		return dv_fail(err, DV_ECONFLICT, NULL, "This conflicts with a record that exists");
	}
	return dv_sysfail(err, DV_EDB, NULL, "postgres %s: %s", what, clean);
}

static int pg_open(struct db *db, const char *url, struct dv_err *err)
{
	PGconn *c = PQconnectdb(url);
	if (!c || PQstatus(c) != CONNECTION_OK) {
		char msg[300];
		snprintf(msg, sizeof(msg), "%s", c ? PQerrorMessage(c) : "out of memory");
		size_t n = strlen(msg);
		while (n && msg[n - 1] == '\n')
			msg[--n] = '\0';
		PQfinish(c);
		return dv_sysfail(err, DV_EDB, "db", "Cannot connect to PostgreSQL: %s", msg);
	}
	PQsetNoticeProcessor(c, quiet_notices, NULL);
	if (PQsetClientEncoding(c, "UTF8") != 0) {
		PQfinish(c);
		return dv_sysfail(err, DV_EDB, "db", "PostgreSQL refused client_encoding UTF8");
	}
	db->conn = c;
	return 0;
}

static void pg_close(struct db *db)
{
	PQfinish(db->conn);
}

/* Did the statement whose final result r is change rows? (Its tag:
 * "INSERT 0 3", "UPDATE 2", "DELETE 1", "MERGE 1"; a SELECT's counts rows
 * read.) */
static void note_write(struct db *db, PGresult *r)
{
	const char *tag = PQcmdStatus(r), *t = PQcmdTuples(r);
	if (tag && t && *t && strtoll(t, NULL, 10) > 0 &&
	    (!strncmp(tag, "INSERT", 6) || !strncmp(tag, "UPDATE", 6) ||
	     !strncmp(tag, "DELETE", 6) || !strncmp(tag, "MERGE", 5)))
		db_note_write(db);
}

/* Read and drop what remains of a query's results. An error among them
 * (a query closed early, then failing on a later row) still aborts the
 * transaction on the server, so it poisons ours too. */
static void drain(struct db *db)
{
	PGresult *r;
	while ((r = PQgetResult(db->conn)) != NULL) {
		ExecStatusType s = PQresultStatus(r);
		if (s == PGRES_FATAL_ERROR || s == PGRES_BAD_RESPONSE)
			db->tx_failed = db->tx_depth > 0;
		note_write(db, r);
		PQclear(r);
	}
}

static int pg_exec_script(struct db *db, const char *sql, struct dv_err *err)
{
	PGresult *res = PQexec(db->conn, sql);
	ExecStatusType s = PQresultStatus(res);
	int rc = 0;
	if (s != PGRES_COMMAND_OK && s != PGRES_TUPLES_OK && s != PGRES_EMPTY_QUERY)
		rc = fail_pg(db->conn, res, err, "exec");
	/* COMMIT of an aborted transaction "succeeds" with the tag ROLLBACK */
	else if (strcmp(sql, "COMMIT") == 0 && strcmp(PQcmdStatus(res), "COMMIT") != 0)
		rc = dv_sysfail(err, DV_EDB, NULL, "postgres: the transaction was rolled back");
	PQclear(res);
	return rc;
}

static int pg_prepare(struct db_stmt *st, struct dv_err *err)
{
	PGresult *res = PQprepare(st->db->conn, st->name, st->sql, 0, NULL);
	int rc = 0;
	if (PQresultStatus(res) != PGRES_COMMAND_OK)
		rc = fail_pg(st->db->conn, res, err, "prepare");
	PQclear(res);
	return rc;
}

/* Let go of the current row: its result and the blobs decoded from it. */
static void clear_row(struct db_stmt *st)
{
	if (st->result)
		PQclear(st->result);
	st->result = NULL;
	for (int i = 0; i < st->nblobs; i++) {
		PQfreemem(st->blobs[i].ptr);
		st->blobs[i].ptr = NULL;
	}
}

static void pg_finalize(struct db_stmt *st)
{
	clear_row(st);
	free(st->blobs);
	st->blobs = NULL;
	st->nblobs = 0;
	/* the server drops prepared statements with the connection */
}

/* db_explain_into: the plan the server would run st with these values,
 * appended to the buffer with the statement (tests only: the values are
 * written into the text as literals). A statement with a blob is left out. */
static void explain(struct db_stmt *st, const struct db_param *params, int n)
{
	PGconn *c = st->db->conn;
	struct buf *out = st->db->explain, q = BUF_INIT;
	buf_addf(&q, "EXPLAIN (COSTS OFF) EXECUTE %s", st->name);
	for (int i = 0; i < n; i++) {
		buf_adds(&q, i ? ", " : "(");
		if (params[i].type == DB_P_INT) {
			buf_addf(&q, "%" PRId64, params[i].i);
		} else if (params[i].type == DB_P_TEXT) {
			char *lit = PQescapeLiteral(c, params[i].s, strlen(params[i].s));
			buf_adds(&q, lit ? lit : "NULL");
			PQfreemem(lit);
		} else if (params[i].type == DB_P_BLOB) {
			buf_release(&q);
			return;
		} else {
			buf_adds(&q, "NULL");
		}
	}
	if (n)
		buf_adds(&q, ")");
	PGresult *res = PQexec(c, q.ptr);
	buf_addf(out, "-- %s\n", st->sql);
	for (int r = 0; PQresultStatus(res) == PGRES_TUPLES_OK && r < PQntuples(res); r++)
		buf_addf(out, "%s\n", PQgetvalue(res, r, 0));
	if (PQresultStatus(res) != PGRES_TUPLES_OK)
		buf_addf(out, "(no plan: %s)\n", PQerrorMessage(c));
	PQclear(res);
	buf_release(&q);
}

/* Blobs go in binary format, raw bytes with their length, so they need no
 * escaping and NUL bytes pass; everything else goes as text. */
static int pg_start(struct db_stmt *st, const struct db_param *params, int n, struct dv_err *err)
{
	char ints[DB_MAX_PARAMS][24];
	const char *values[DB_MAX_PARAMS];
	int lengths[DB_MAX_PARAMS], formats[DB_MAX_PARAMS];
	if (n > DB_MAX_PARAMS)
		return dv_sysfail(err, DV_EINTERNAL, NULL, "too many parameters");
	for (int i = 0; i < n; i++) {
		lengths[i] = 0;
		formats[i] = 0;
		switch (params[i].type) {
		case DB_P_INT:
			snprintf(ints[i], sizeof(ints[i]), "%" PRId64, params[i].i);
			values[i] = ints[i];
			break;
		case DB_P_TEXT: values[i] = params[i].s; break;
		case DB_P_BLOB:
			values[i] = params[i].s;
			lengths[i] = (int)params[i].len; /* db.c bounds it by DB_MAX_BLOB */
			formats[i] = 1;
			break;
		default: values[i] = NULL; break;
		}
	}
	PGconn *c = st->db->conn;
	if (st->db->explain)
		explain(st, params, n);
	if (!PQsendQueryPrepared(c, st->name, n, values, lengths, formats, 0))
		return fail_pg(c, NULL, err, "send");
	if (!PQsetSingleRowMode(c)) {
		drain(st->db);
		return fail_pg(c, NULL, err, "single-row mode");
	}
	return 0;
}

static int pg_step(struct db_stmt *st, struct dv_err *err)
{
	PGconn *c = st->db->conn;
	clear_row(st);
	PGresult *res = PQgetResult(c);
	if (!res)
		return DB_DONE;
	switch (PQresultStatus(res)) {
	case PGRES_SINGLE_TUPLE: st->result = res; return DB_ROW;
	case PGRES_TUPLES_OK:
	case PGRES_COMMAND_OK: {
		const char *t = PQcmdTuples(res);
		st->db->changes = (t && *t) ? strtoll(t, NULL, 10) : 0;
		note_write(st->db, res);
		PQclear(res);
		drain(st->db);
		return DB_DONE;
	}
	default: {
		int rc = fail_pg(c, res, err, "query");
		PQclear(res);
		drain(st->db);
		return rc;
	}
	}
}

static void pg_reset(struct db_stmt *st)
{
	clear_row(st);
	drain(st->db);
}

static int64_t pg_col_int(struct db_stmt *st, int col)
{
	if (!st->result || PQgetisnull(st->result, 0, col))
		return 0;
	return strtoll(PQgetvalue(st->result, 0, col), NULL, 10);
}

static const char *pg_col_text(struct db_stmt *st, int col)
{
	if (!st->result || PQgetisnull(st->result, 0, col))
		return NULL;
	return PQgetvalue(st->result, 0, col);
}

static int pg_col_null(struct db_stmt *st, int col)
{
	return !st->result || PQgetisnull(st->result, 0, col);
}

/* The slot for col's decoded blob, the row's slots made on first use (a
 * statement's rows all have the same columns, so they are made once). */
static struct db_blob *blob_slot(struct db_stmt *st, int col)
{
	int n = PQnfields(st->result);
	if (st->nblobs < n) {
		struct db_blob *b = realloc(st->blobs, sizeof(*b) * (size_t)n);
		if (!b)
			abort(); /* out of memory, as struct buf does */
		memset(b + st->nblobs, 0, sizeof(*b) * (size_t)(n - st->nblobs));
		st->blobs = b;
		st->nblobs = n;
	}
	return &st->blobs[col];
}

/* Results come as text, where a bytea reads "\x" and two hex digits a byte:
 * decode it once per row and column, and keep it until the row goes. */
static const void *pg_col_blob(struct db_stmt *st, int col, size_t *len)
{
	if (pg_col_null(st, col))
		return NULL;
	const char *text = PQgetvalue(st->result, 0, col);
	size_t n = (size_t)PQgetlength(st->result, 0, col);
	if (PQftype(st->result, col) != BYTEA_OID) {
		*len = n;
		return text;
	}
	if (n <= 2) { /* "\x", an empty blob */
		*len = 0;
		return "";
	}
	struct db_blob *b = blob_slot(st, col);
	if (!b->ptr) {
		b->ptr = PQunescapeBytea((const unsigned char *)text, &b->len);
		if (!b->ptr)
			abort();
	}
	*len = b->len;
	return b->ptr;
}

static int pg_reconnect(struct db *db)
{
	if (PQstatus(db->conn) == CONNECTION_OK)
		return 0;
	PQreset(db->conn);
	if (PQstatus(db->conn) != CONNECTION_OK)
		return 0;
	PQsetNoticeProcessor(db->conn, quiet_notices, NULL);
	PQsetClientEncoding(db->conn, "UTF8");
	return 1;
}

const struct db_ops db_pg_ops = {
	.open = pg_open,
	.close = pg_close,
	.exec_script = pg_exec_script,
	.prepare = pg_prepare,
	.finalize = pg_finalize,
	.start = pg_start,
	.step = pg_step,
	.reset = pg_reset,
	.col_int = pg_col_int,
	.col_text = pg_col_text,
	.col_null = pg_col_null,
	.col_blob = pg_col_blob,
	.reconnect = pg_reconnect,
	.begin_sql = "BEGIN; SELECT pg_advisory_xact_lock(7236)",
	.begin_shared_sql = "BEGIN; SELECT pg_advisory_xact_lock_shared(7236)",
	/* the two-key form: its keys never meet the one-key 7236 */
	.lock_commune_sql = "SELECT pg_advisory_xact_lock(7237, ($1::bigint % 2147483647)::int)",
	.try_commune_sql = "SELECT CASE WHEN pg_try_advisory_xact_lock(7237, "
			   "($1::bigint % 2147483647)::int) THEN 1 ELSE 0 END",
	.try_exclusive_sql = "SELECT CASE WHEN pg_try_advisory_xact_lock(7236) THEN 1 ELSE 0 END",
};
