/*
 * The store: one interface over SQLite and PostgreSQL.
 *
 * SQL is written once, with $1-style parameters, in the subset both engines
 * share (DESIGN.md, "Storage"). A connection belongs to one thread.
 *
 * Queries stream: db_query() binds and starts a statement, db_step() yields
 * one row at a time (sqlite3_step, or libpq's single-row mode), so no result
 * set is loaded whole. Only one query may be open on a connection at a time
 * (libpq cannot interleave them), and both backends enforce that, so code
 * that nests queries fails its SQLite tests too. A query is closed when
 * db_step() returns DB_DONE or an error, or by db_finish().
 *
 * Statements are prepared once per connection and cached by their text.
 *
 * Parameters are passed as DB_I(int64), DB_T(text or NULL), DB_ID(id, 0 means
 * NULL), DB_B(pointer, length) for bytes and DB_NULL, e.g.
 *   db_run(db, err, "UPDATE unit SET name = $1 WHERE id = $2", DB_T(name), DB_I(id));
 * A DB_B value may hold any bytes, NUL included; its pointer is read when the
 * query starts and may be freed after db_query() returns. DB_B(NULL, n) is
 * NULL; an empty value needs a non-NULL pointer, as in DB_B("", 0). Bind it
 * where the statement expects a blob (a BLOB column, or a comparison with
 * one): PostgreSQL sends it as raw bytea and would refuse it as text.
 */
#ifndef DV_STORE_DB_H
#define DV_STORE_DB_H

#include <stddef.h>
#include <stdint.h>

#include "base/err.h"

enum db_kind { DB_SQLITE, DB_POSTGRES };

enum { DB_DONE = 0, DB_ROW = 1 };

#define DB_MAX_PARAMS 32

struct db;
struct db_stmt;

/* The largest DB_B value, in bytes. PostgreSQL sends a bytea back as hex
 * text, twice its size, and no value may pass 1 GB; SQLite's limit is 1e9.
 * Bigger values are refused with DV_ETOOBIG on both engines. */
#define DB_MAX_BLOB ((size_t)256 << 20)

enum db_param_type { DB_P_END = -1, DB_P_NULL = 0, DB_P_INT, DB_P_TEXT, DB_P_BLOB };

struct db_param {
	enum db_param_type type;
	int64_t i;
	const char *s; /* text, or the bytes of a blob */
	size_t len;    /* of a blob */
};

#define DB_I(x)	     ((struct db_param){DB_P_INT, (int64_t)(x), NULL, 0})
#define DB_T(x)	     ((struct db_param){DB_P_TEXT, 0, (x), 0})
#define DB_B(p, len) ((struct db_param){DB_P_BLOB, 0, (const char *)(const void *)(p), (len)})
#define DB_NULL	     ((struct db_param){DB_P_NULL, 0, NULL, 0})
#define DB_ID(x)     ((x) ? DB_I(x) : DB_NULL)
#define DB_END	     ((struct db_param){DB_P_END, 0, NULL, 0})

/* ------------------------------------------------------------ connections */

/*
 * Open the database named by url: "sqlite:PATH" (or a plain path), or a
 * "postgres://" / "postgresql://" URI. The caller owns *out and closes it
 * with db_close(). DV_EDB with a message naming the problem if it fails.
 */
int db_open(const char *url, struct db **out, struct dv_err *err);
void db_close(struct db *db);
enum db_kind db_kind(const struct db *db);
/* The url as given to db_open. */
const char *db_url(const struct db *db);

/* The database URL to use: `arg` if set, else $DANVAN_DB, else sqlite:danvan.db. */
const char *db_default_url(const char *arg);

/*
 * Run a script of SQL statements with no parameters and no results (used by
 * migrations). Dialect tokens are replaced first: @ID@ becomes the engine's
 * 64-bit auto-increment primary key, @BLOB@ its type for bytes (BLOB on
 * SQLite, BYTEA on PostgreSQL).
 *
 * Where the dialects differ by more than a token, a script has sections:
 * the lines between a line "-- @sqlite" and a line "-- @end" are kept only
 * on SQLite, those between "-- @postgres" and "-- @end" only on PostgreSQL.
 * A marker is a line of its own (blanks around it allowed) and is dropped;
 * a section may sit inside a statement, e.g. around one column of a CREATE
 * TABLE. Sections do not nest. A stray or missing "-- @end" is a bug in the
 * script: DV_EINTERNAL naming its line, and nothing is run.
 */
int db_exec_script(struct db *db, const char *sql, struct dv_err *err);

/* ----------------------------------------------------------- transactions */

/*
 * Transactions nest: only the outermost begin/commit reach the database.
 * SQLite begins with BEGIN IMMEDIATE, so a writer takes the write lock at
 * once instead of failing later. If an inner level rolls back, the outer
 * commit rolls back too and returns DV_EDB.
 */
int db_begin(struct db *db, struct dv_err *err);
int db_commit(struct db *db, struct dv_err *err);

/*
 * Writers of different communes never wait on each other. On PostgreSQL,
 * db_begin takes the deployment's advisory lock exclusively: the
 * transaction waits until no other writer runs, which keeps every check it
 * makes true. db_begin_shared takes that lock shared, and db_lock_commune
 * then takes one commune's lock: transactions of different communes run side
 * by side, those of one commune one after the other, and a db_begin waits
 * for all of them. A transaction that holds one commune only tries a second
 * one (DV_EBUSY, "try again", if another writer has it), and a nested
 * db_begin in a shared transaction that holds no commune only tries the
 * exclusive lock, so two writers never wait for each other. On SQLite every
 * transaction is exclusive (BEGIN IMMEDIATE) and these only choose the chain.
 *
 * The audit rows a level appends go to its commune's chain (db_chain), or to
 * the deployment's chain (0) when it names none.
 */
int db_begin_shared(struct db *db, struct dv_err *err);
int db_lock_commune(struct db *db, int64_t commune, struct dv_err *err);
int64_t db_chain(const struct db *db);
/* The commune a unit belongs to, remembered for the rest of the open
 * transaction (no other transaction can move a unit meanwhile: a move is
 * exclusive): db_commune_cached returns 1 and sets *commune if unit_id is
 * one of those remembered. A move inside the transaction calls
 * db_commune_forget. */
int db_commune_cached(struct db *db, int64_t unit_id, int64_t *commune);
void db_commune_remember(struct db *db, int64_t unit_id, int64_t commune);
void db_commune_forget(struct db *db);

/*
 * Owners of claimed work (the notification senders of several servers on
 * one PostgreSQL). db_own holds `owner` (a random number) for as long as
 * the connection lives; db_owner_gone sets *gone when no connection holds
 * it any more (its process stopped or died). On SQLite, where one server
 * owns the database, db_own does nothing and every other owner is gone.
 */
int db_own(struct db *db, int64_t owner, struct dv_err *err);
int db_owner_gone(struct db *db, int64_t owner, int *gone, struct dv_err *err);
void db_rollback(struct db *db);
int db_in_tx(const struct db *db);

/*
 * Savepoints, for running many changes in one transaction (group commit:
 * web/workers.c) where one change that fails must not spoil the others.
 * db_savepoint marks the current point of the open transaction; after the
 * change, db_savepoint_rollback undoes it (and forgets that an inner level
 * failed) or db_savepoint_release keeps it. One savepoint at a time.
 */
int db_savepoint(struct db *db, struct dv_err *err);
int db_savepoint_release(struct db *db, struct dv_err *err);
int db_savepoint_rollback(struct db *db, struct dv_err *err);
/* End the change since the savepoint, kept or undone, and mark the point
 * after it for the next change: one round trip on PostgreSQL, where
 * releasing and marking again took two (a group commit does it per change). */
int db_savepoint_renew(struct db *db, int keep, struct dv_err *err);
/* Has an inner level of the open transaction failed (its commit will roll
 * back)? */
int db_tx_failed(const struct db *db);

/* How many transactions that changed rows this process has committed, on
 * any connection: a cheap way for caches to notice that something may have
 * changed. */
uint64_t db_commits(void);
/* The commits that may have changed what a commune's pages show: those
 * that wrote in its level (ctx_begin_in) or in a level of no commune (an
 * exclusive transaction: a reorganization, a city's plan). Only grows. */
uint64_t db_commits_in(int64_t commune);
/* While set (1), what this connection writes changes nothing a page shows
 * (the notification sender's outbox, a session's "last seen", the audit
 * anchors): db_commits and db_commits_in do not count it. Returns the
 * setting it replaces, to put back. */
int db_quiet(struct db *db, int quiet);

/*
 * A connection's memory of facts that never change once written, such as a
 * matter's unit: (kind, id) -> value, a few hundred of them, forgotten with
 * the connection. kind is the address of a static object of the caller's,
 * so the store names no fact. db_memo_get returns 1 and sets *value when
 * it holds it.
 */
int db_memo_get(struct db *db, const void *kind, int64_t id, int64_t *value);
void db_memo_put(struct db *db, const void *kind, int64_t id, int64_t value);

/* ---------------------------------------------------------------- queries */

int db_query_(struct db *db, struct db_stmt **st, struct dv_err *err, const char *sql,
	      const struct db_param *params);
int db_run_(struct db *db, struct dv_err *err, const char *sql, const struct db_param *params);
int db_int_(struct db *db, int64_t *out, struct dv_err *err, const char *sql,
	    const struct db_param *params);

#define DB_PARAMS_(...) ((const struct db_param[]){__VA_ARGS__ __VA_OPT__(, ) DB_END})

/* Start a query; step through its rows with db_step(). */
#define db_query(db, st, err, sql, ...) db_query_((db), (st), (err), (sql), DB_PARAMS_(__VA_ARGS__))
/* Run a statement to completion, ignoring rows. */
#define db_run(db, err, sql, ...) db_run_((db), (err), (sql), DB_PARAMS_(__VA_ARGS__))
/* Run a query whose first row's first column is an integer; DV_ENOTFOUND if
 * there is no row (err gets no message then: the caller knows what is missing). */
#define db_int(db, out, err, sql, ...) db_int_((db), (out), (err), (sql), DB_PARAMS_(__VA_ARGS__))

/* DB_ROW with a row ready, DB_DONE at the end (the query is then closed),
 * or a negative error (the query is closed too). */
int db_step(struct db_stmt *st, struct dv_err *err);
/* Close a query before its end. Safe on NULL and on closed queries. */
void db_finish(struct db_stmt *st);

/* Column values of the current row, columns counted from 0. Text is valid
 * until the next db_step() or db_finish(); NULL reads as "" from db_col_text
 * and as 0 from db_col_int. */
int64_t db_col_int(struct db_stmt *st, int col);
const char *db_col_text(struct db_stmt *st, int col);
int db_col_null(struct db_stmt *st, int col);
/* The bytes of a blob column and their number in *len, valid until the next
 * db_step() or db_finish() (reading other columns of the row keeps them
 * valid). NULL with *len 0 for SQL NULL; an empty blob is a non-NULL
 * pointer with *len 0. The bytes are not NUL-terminated. On a text column,
 * the text's bytes. */
const void *db_col_blob(struct db_stmt *st, int col, size_t *len);

/* 0 if the database answers a trivial query (for health checks). */
int db_ping(struct db *db, struct dv_err *err);

/*
 * Tests: before each query runs, the plan PostgreSQL would run it with is
 * appended to plans (its text, then the plan's lines); NULL stops. With
 * plan_cache_mode = force_generic_plan set on the connection, that is the
 * generic plan, the one a prepared statement ends up with. SQLite: nothing.
 */
struct buf;
void db_explain_into(struct db *db, struct buf *plans);

/* Rows changed by the last statement run to completion on this connection. */
int64_t db_changes(const struct db *db);

/* Number of $N parameters the SQL text uses (the highest N). */
int db_count_params(const char *sql);

#endif
