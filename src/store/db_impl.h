/*
 * Private to src/store: what db.c shares with the two backends.
 * db.c owns the statement cache, the one-open-query rule, transactions and
 * parameter checks; a backend only talks to its engine.
 */
#ifndef DV_STORE_DB_IMPL_H
#define DV_STORE_DB_IMPL_H

#include "base/token.h"
#include "store/db.h"

/* PostgreSQL: a bytea column of the current row, decoded by db_col_blob. */
struct db_blob {
	unsigned char *ptr; /* from PQunescapeBytea; NULL until asked for */
	size_t len;
};

struct db_stmt {
	struct db *db;
	char *sql;     /* the text as the domain wrote it (owned) */
	uint64_t hash; /* of sql, for the cache */
	const char *sql_addr; /* where the caller's text was when last found (db->by_addr) */
	int nparams;   /* highest $N in sql */
	int active;    /* a query is open on this statement */
	void *handle;  /* sqlite3_stmt *, or NULL for PostgreSQL */
	void *result;  /* PostgreSQL: the PGresult holding the current row */
	char name[24]; /* PostgreSQL: prepared statement name */
	struct db_blob *blobs; /* PostgreSQL: one per column, freed with the row */
	int nblobs;
};

struct db_ops {
	int (*open)(struct db *db, const char *target, struct dv_err *err);
	void (*close)(struct db *db);
	int (*exec_script)(struct db *db, const char *sql, struct dv_err *err);
	int (*prepare)(struct db_stmt *st, struct dv_err *err);
	void (*finalize)(struct db_stmt *st);
	/* bind n parameters and start the query */
	int (*start)(struct db_stmt *st, const struct db_param *params, int n, struct dv_err *err);
	/* DB_ROW, DB_DONE (set db->changes), or an error; after DONE or an
	 * error the backend has already reset the statement */
	int (*step)(struct db_stmt *st, struct dv_err *err);
	void (*reset)(struct db_stmt *st);
	int64_t (*col_int)(struct db_stmt *st, int col);
	const char *(*col_text)(struct db_stmt *st, int col);
	int (*col_null)(struct db_stmt *st, int col);
	/* NULL for SQL NULL, else the bytes (non-NULL even when empty) */
	const void *(*col_blob)(struct db_stmt *st, int col, size_t *len);
	/* after a failure: reconnect if the connection was lost; 1 if it was
	 * (prepared statements are then gone), 0 otherwise */
	int (*reconnect)(struct db *db);
	/* what db_begin sends: SQLite takes the write lock at once; PostgreSQL
	 * takes the deployment's advisory lock exclusively, so the transaction
	 * waits for every other writer and checks made inside it stay true */
	const char *begin_sql;
	/* what db_begin_shared sends: PostgreSQL takes the deployment's lock
	 * shared (writers of different communes run side by side, each then
	 * holding its commune's lock); SQLite the same write lock as begin_sql */
	const char *begin_shared_sql;
	/* PostgreSQL only (NULL on SQLite, whose transactions are all
	 * exclusive): take commune $1's lock, waiting; try it or the
	 * deployment's exclusive lock without waiting (one boolean column) */
	const char *lock_commune_sql;
	const char *try_commune_sql;
	const char *try_exclusive_sql;
};

/* One level of the nesting of transactions: which audit chain its changes
 * go to (a commune, or 0 for the deployment's) and whether the transaction
 * holds every writer out (SQLite always; PostgreSQL after db_begin). */
struct db_level {
	int64_t chain;
	int exclusive;
};

#define DB_LEVELS 16 /* deeper nesting is a bug: DV_EINTERNAL */
#define DB_HELD 8    /* communes remembered as locked in one transaction */
#define DB_WROTE 64  /* communes written in one transaction (a batch), beyond: any */
#define DB_COMMUNES 32 /* units whose commune one transaction remembers */
#define DB_MEMO 256    /* db_memo entries, direct-mapped */

struct db_memo {
	const void *kind; /* NULL: empty */
	int64_t id, value;
};

#define DB_BY_ADDR 512
#define DB_HEADS 64 /* audit heads held until commit; beyond, written at once */

/* An audit chain's head as this transaction moved it. Its row is locked
 * by the transaction's first append to the chain and written once, at
 * commit (audit_write_heads), not once per row: a transaction that
 * appends n rows to one chain would otherwise update one row n times, and
 * PostgreSQL reads past every older version of it each time (a group
 * commit of many ballots, or the demo's thousands of rows). */
struct db_head {
	int64_t chain, seq;
	char hash[HASH_HEX_LEN + 1];
};

/* Write the heads this transaction moved (audit.c, called by db_commit). */
int audit_write_heads(struct db *db, struct dv_err *err);

/* A statement changed rows: db.c notes in which commune's level. */
void db_note_write(struct db *db);

struct db {
	const struct db_ops *ops;
	enum db_kind kind;
	char *url;
	void *conn;		/* sqlite3 * or PGconn * */
	struct db_stmt **cache; /* open-addressing table of prepared statements */
	size_t cache_cap;
	size_t cache_n;
	/* the statement last found for a text at this address (the texts are
	 * mostly string literals): found again without hashing the text */
	struct db_stmt *by_addr[DB_BY_ADDR];
	struct db_stmt *open_query;
	int tx_depth;
	int tx_failed;
	/* the transaction changed a row (db_commits counts only those: a
	 * sender's claim that found nothing leaves the page caches alone), in
	 * these communes' levels, or (wrote_any) in a level of none */
	int tx_wrote, wrote_any;
	int quiet; /* db_quiet */
	int64_t wrote[DB_WROTE];
	int nwrote;
	struct db_level level[DB_LEVELS]; /* level[tx_depth - 1] is the current one */
	/* the communes this transaction has locked (PostgreSQL), to skip taking
	 * one twice; held_any stays set until the end, so that a second commune
	 * is only ever tried, never waited for (no deadlock between writers) */
	int64_t held[DB_HELD];
	int nheld;
	int held_any;
	/* unit -> commune, resolved once per transaction (ctx_begin_in): a
	 * group commit's ballots come from many neighborhoods */
	int64_t commune_unit[DB_COMMUNES], commune_of[DB_COMMUNES];
	int ncommunes;
	int64_t changes;
	unsigned stmt_seq; /* for PostgreSQL statement names */
	/* the audit heads this transaction moved, and as they were at its
	 * savepoint (a change rolled back to it takes its rows back) */
	struct db_head heads[DB_HEADS], saved_heads[DB_HEADS];
	int nheads, nsaved;
	struct buf *explain; /* db_explain_into (PostgreSQL) */
	struct db_memo memo[DB_MEMO];
};

extern const struct db_ops db_sqlite_ops;
extern const struct db_ops db_pg_ops;

#endif
