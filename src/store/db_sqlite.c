/*
 * SQLite backend: WAL, one connection per thread (no library mutex),
 * synchronous=FULL so an acknowledged write survives a crash, a busy
 * timeout, foreign keys on, statements prepared once as persistent.
 */
#include "store/db_impl.h"

#include <pthread.h>
#include <sqlite3.h>
#include <stdlib.h>
#include <string.h>

#include "base/buf.h"
#include "base/log.h"

#define BUSY_TIMEOUT_MS 5000

static int fail_sqlite(sqlite3 *h, int rc, struct dv_err *err, const char *what)
{
	int ext = h ? sqlite3_extended_errcode(h) : rc;
	const char *msg = h ? sqlite3_errmsg(h) : sqlite3_errstr(rc);
	if (ext == SQLITE_CONSTRAINT_UNIQUE || ext == SQLITE_CONSTRAINT_PRIMARYKEY) {
		/* the schema's words stay in the log; the caller names the conflict */
		log_warn("sqlite %s: %s", what, msg);
		return dv_fail(err, DV_ECONFLICT, NULL, "This conflicts with a record that exists");
	}
	return dv_sysfail(err, DV_EDB, NULL, "sqlite %s: %s", what, msg);
}

/* Before SQLite starts: no memory statistics, whose global mutex every
 * allocation of every connection took (a group commit spent a fifth of its
 * time waiting on it while the loops read). */
static void sq_configure(void)
{
	sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
}

static int sq_open(struct db *db, const char *path, struct dv_err *err)
{
	static pthread_once_t once = PTHREAD_ONCE_INIT;
	pthread_once(&once, sq_configure);
	sqlite3 *h = NULL;
	int rc = sqlite3_open_v2(
		path, &h, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX, NULL);
	if (rc != SQLITE_OK) {
		dv_sysfail(err, DV_EDB, "db", "Cannot open the SQLite database '%s': %s", path,
			h ? sqlite3_errmsg(h) : sqlite3_errstr(rc));
		sqlite3_close(h);
		return DV_EDB;
	}
	sqlite3_busy_timeout(h, BUSY_TIMEOUT_MS);
	char *msg = NULL;
	rc = sqlite3_exec(
		h,
		"PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; PRAGMA foreign_keys=ON;"
		"PRAGMA temp_store=MEMORY;",
		NULL, NULL, &msg);
	if (rc != SQLITE_OK) {
		dv_sysfail(err, DV_EDB, "db", "Cannot set up the SQLite database '%s': %s", path,
			msg ? msg : sqlite3_errstr(rc));
		sqlite3_free(msg);
		sqlite3_close(h);
		return DV_EDB;
	}
	db->conn = h;
	return 0;
}

static void sq_close(struct db *db)
{
	sqlite3_close(db->conn);
}

static int sq_exec_script(struct db *db, const char *sql, struct dv_err *err)
{
	char *msg = NULL;
	int rc = sqlite3_exec(db->conn, sql, NULL, NULL, &msg);
	if (rc != SQLITE_OK) {
		int ext = sqlite3_extended_errcode(db->conn);
		dv_sysfail(err, (ext == SQLITE_CONSTRAINT_UNIQUE) ? DV_ECONFLICT : DV_EDB, NULL,
			"sqlite: %s", msg ? msg : sqlite3_errstr(rc));
		sqlite3_free(msg);
		return err ? err->code : DV_EDB;
	}
	return 0;
}

/* SQLite numbers "$1" by order of first appearance, not by its digits, so
 * "SELECT $2, $1" would bind backwards: rewrite every $N as ?N, which SQLite
 * numbers by the digits. Quoted text and comments are left alone. */
static void rewrite_params(struct buf *out, const char *sql)
{
	char quote = 0;
	for (const char *p = sql; *p; p++) {
		if (quote) {
			if (*p == quote)
				quote = 0;
		} else if (*p == '\'' || *p == '"') {
			quote = *p;
		} else if (*p == '-' && p[1] == '-') {
			while (p[1] && p[1] != '\n')
				buf_addch(out, *p++);
		} else if (*p == '$' && p[1] >= '1' && p[1] <= '9') {
			buf_addch(out, '?');
			continue;
		}
		buf_addch(out, *p);
	}
}

static int sq_prepare(struct db_stmt *st, struct dv_err *err)
{
	struct buf sql = BUF_INIT;
	rewrite_params(&sql, st->sql);
	sqlite3_stmt *h = NULL;
	int rc = sqlite3_prepare_v3(st->db->conn, sql.ptr, (int)sql.len + 1,
				    SQLITE_PREPARE_PERSISTENT, &h, NULL);
	buf_release(&sql);
	if (rc != SQLITE_OK)
		return fail_sqlite(st->db->conn, rc, err, "prepare");
	st->handle = h;
	return 0;
}

static void sq_finalize(struct db_stmt *st)
{
	sqlite3_finalize(st->handle);
}

static int sq_start(struct db_stmt *st, const struct db_param *params, int n, struct dv_err *err)
{
	sqlite3_stmt *h = st->handle;
	sqlite3_clear_bindings(h);
	for (int i = 0; i < n; i++) {
		int rc;
		switch (params[i].type) {
		case DB_P_INT: rc = sqlite3_bind_int64(h, i + 1, params[i].i); break;
		case DB_P_TEXT:
			rc = params[i].s ? sqlite3_bind_text(h, i + 1, params[i].s, -1,
							     SQLITE_TRANSIENT)
					 : sqlite3_bind_null(h, i + 1);
			break;
		case DB_P_BLOB:
			/* a NULL pointer binds NULL, as sqlite3_bind_blob does */
			rc = sqlite3_bind_blob64(h, i + 1, params[i].s, params[i].len,
						 SQLITE_TRANSIENT);
			break;
		default: rc = sqlite3_bind_null(h, i + 1); break;
		}
		if (rc != SQLITE_OK) {
			sqlite3_reset(h);
			return fail_sqlite(st->db->conn, rc, err, "bind");
		}
	}
	return 0;
}

static int sq_step(struct db_stmt *st, struct dv_err *err)
{
	int rc = sqlite3_step(st->handle);
	if (rc == SQLITE_ROW)
		return DB_ROW;
	if (rc == SQLITE_DONE) {
		st->db->changes = sqlite3_changes64(st->db->conn);
		if (!sqlite3_stmt_readonly(st->handle) && st->db->changes > 0)
			db_note_write(st->db);
		sqlite3_reset(st->handle);
		return DB_DONE;
	}
	int r = fail_sqlite(st->db->conn, rc, err, "step");
	sqlite3_reset(st->handle);
	return r;
}

static void sq_reset(struct db_stmt *st)
{
	/* a write stopped before its end (RETURNING, its row read) wrote */
	if (sqlite3_stmt_busy(st->handle) && !sqlite3_stmt_readonly(st->handle))
		db_note_write(st->db);
	sqlite3_reset(st->handle);
}

static int64_t sq_col_int(struct db_stmt *st, int col)
{
	return sqlite3_column_int64(st->handle, col);
}

static const char *sq_col_text(struct db_stmt *st, int col)
{
	return (const char *)sqlite3_column_text(st->handle, col);
}

static int sq_col_null(struct db_stmt *st, int col)
{
	return sqlite3_column_type(st->handle, col) == SQLITE_NULL;
}

static const void *sq_col_blob(struct db_stmt *st, int col, size_t *len)
{
	if (sq_col_null(st, col))
		return NULL;
	const void *p = sqlite3_column_blob(st->handle, col);
	*len = (size_t)sqlite3_column_bytes(st->handle, col);
	/* SQLite answers NULL for an empty blob too: it is not SQL NULL */
	return *len ? p : "";
}

const struct db_ops db_sqlite_ops = {
	.open = sq_open,
	.close = sq_close,
	.exec_script = sq_exec_script,
	.prepare = sq_prepare,
	.finalize = sq_finalize,
	.start = sq_start,
	.step = sq_step,
	.reset = sq_reset,
	.col_int = sq_col_int,
	.col_text = sq_col_text,
	.col_null = sq_col_null,
	.col_blob = sq_col_blob,
	.reconnect = NULL,
	.begin_sql = "BEGIN IMMEDIATE",
	.begin_shared_sql = "BEGIN IMMEDIATE",
};
