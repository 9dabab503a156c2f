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

#include "base/log.h"

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

static void pg_finalize(struct db_stmt *st)
{
	if (st->result)
		PQclear(st->result);
	st->result = NULL;
	/* the server drops prepared statements with the connection */
}

static int pg_start(struct db_stmt *st, const struct db_param *params, int n, struct dv_err *err)
{
	char ints[DB_MAX_PARAMS][24];
	const char *values[DB_MAX_PARAMS];
	if (n > DB_MAX_PARAMS)
		return dv_sysfail(err, DV_EINTERNAL, NULL, "too many parameters");
	for (int i = 0; i < n; i++) {
		switch (params[i].type) {
		case DB_P_INT:
			snprintf(ints[i], sizeof(ints[i]), "%" PRId64, params[i].i);
			values[i] = ints[i];
			break;
		case DB_P_TEXT: values[i] = params[i].s; break;
		default: values[i] = NULL; break;
		}
	}
	PGconn *c = st->db->conn;
	if (!PQsendQueryPrepared(c, st->name, n, values, NULL, NULL, 0))
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
	if (st->result) {
		PQclear(st->result);
		st->result = NULL;
	}
	PGresult *res = PQgetResult(c);
	if (!res)
		return DB_DONE;
	switch (PQresultStatus(res)) {
	case PGRES_SINGLE_TUPLE: st->result = res; return DB_ROW;
	case PGRES_TUPLES_OK:
	case PGRES_COMMAND_OK: {
		const char *t = PQcmdTuples(res);
		st->db->changes = (t && *t) ? strtoll(t, NULL, 10) : 0;
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
	if (st->result) {
		PQclear(st->result);
		st->result = NULL;
	}
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
	.reconnect = pg_reconnect,
	.begin_sql = "BEGIN; SELECT pg_advisory_xact_lock(7236)",
};
