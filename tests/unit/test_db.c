#include "testlib.h"

#include "base/buf.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store/db.h"
#include "store/migrate.h"

static void migrations_apply_once(void **state)
{
	(void)state;
	struct db *db = test_db_open_empty();
	struct dv_err err = {0};
	int v = -1, n = -1;
	assert_int_equal(migrate_version(db, &v, &err), 0);
	assert_int_equal(v, 0);
	assert_int_equal(migrate_apply(db, &n, &err), 0);
	assert_int_equal(n, migrate_count());
	/* every migration listed, once */
	int64_t rows = 0;
	assert_int_equal(db_int(db, &rows, &err, "SELECT COUNT(*) FROM schema_version"), 0);
	assert_int_equal(n, rows);
	assert_int_equal(migrate_apply(db, &n, &err), 0);
	assert_int_equal(n, 0);
	assert_int_equal(migrate_version(db, &v, &err), 0);
	assert_int_equal(v, migrate_latest());
	/* a database from a newer danvan is refused, not damaged */
	assert_int_equal(
		db_run(db, &err,
		       "INSERT INTO schema_version (version, name, applied_at) VALUES ($1, 'x', 0)",
		       DB_I(migrate_latest() + 1)),
		0);
	assert_int_equal(migrate_apply(db, &n, &err), DV_ECONFLICT);
	assert_non_null(strstr(err.msg, "newer"));
	test_db_close(db);
}

static void dollar_params_bind_by_number(void **state)
{
	(void)state;
	struct db *db = test_db_open();
	struct dv_err err = {0};
	struct db_stmt *st;
	/* SQLite would number these by first appearance; they must bind by digit */
	assert_int_equal(
		db_query(db, &st, &err, "SELECT $2, $1, $2", DB_T("first"), DB_T("second")), 0);
	assert_int_equal(db_step(st, &err), DB_ROW);
	assert_string_equal(db_col_text(st, 0), "second");
	assert_string_equal(db_col_text(st, 1), "first");
	assert_string_equal(db_col_text(st, 2), "second");
	assert_int_equal(db_step(st, &err), DB_DONE);
	/* a '$1' inside a string literal is text, not a parameter */
	assert_int_equal(db_query(db, &st, &err, "SELECT '$1', $1", DB_T("x")), 0);
	assert_int_equal(db_step(st, &err), DB_ROW);
	assert_string_equal(db_col_text(st, 0), "$1");
	assert_string_equal(db_col_text(st, 1), "x");
	db_finish(st);
	test_db_close(db);
}

static void insert_returning_and_null(void **state)
{
	(void)state;
	struct db *db = test_db_open();
	struct dv_err err = {0};
	int64_t id = 0, id2 = 0;
	const char *sql = "INSERT INTO unit (parent_id, kind, name, name_folded, code, created_at, "
			  "updated_at) VALUES ($1, 'province', $2, $3, $4, 0, 0) RETURNING id";
	assert_int_equal(db_int(db, &id, &err, sql, DB_ID(0), DB_T("Bình Dương"),
				DB_T("binh duong"), DB_T("74")),
			 0);
	assert_true(id > 0);
	assert_int_equal(
		db_int(db, &id2, &err, sql, DB_ID(0), DB_T("Đồng Nai"), DB_T("dong nai"), DB_NULL),
		0);
	assert_true(id2 > id);
	struct db_stmt *st;
	assert_int_equal(db_query(db, &st, &err,
				  "SELECT name, code, parent_id FROM unit WHERE id = $1",
				  DB_I(id2)),
			 0);
	assert_int_equal(db_step(st, &err), DB_ROW);
	assert_string_equal(db_col_text(st, 0), "Đồng Nai");
	assert_true(db_col_null(st, 1));
	assert_string_equal(db_col_text(st, 1), "");
	assert_true(db_col_null(st, 2));
	assert_int_equal(db_col_int(st, 2), 0);
	db_finish(st);
	/* the same code twice among active units is a conflict */
	assert_int_equal(db_int(db, &id2, &err, sql, DB_ID(0), DB_T("X"), DB_T("x"), DB_T("74")),
			 DV_ECONFLICT);
	assert_int_equal(db_run(db, &err, "UPDATE unit SET name = $1 WHERE kind = $2", DB_T("Y"),
				DB_T("province")),
			 0);
	assert_int_equal(db_changes(db), 2);
	test_db_close(db);
}

/* A transaction that changed no row does not count as a commit (the page
 * caches watch the count); one that did, however it did, counts. */
static void only_commits_that_wrote_count(void **state)
{
	(void)state;
	struct db *db = test_db_open();
	struct dv_err err = {0};
	int64_t id = 0, n = 0;
	uint64_t before = db_commits();
	assert_int_equal(db_begin(db, &err), 0);
	assert_int_equal(db_int(db, &n, &err, "SELECT COUNT(*) FROM unit"), 0);
	assert_int_equal(db_run(db, &err, "UPDATE unit SET name = 'x' WHERE id = -1"), 0);
	assert_int_equal(db_commit(db, &err), 0);
	assert_int_equal(db_commits(), before); /* nothing changed */
	assert_int_equal(db_begin(db, &err), 0);
	assert_int_equal(db_int(db, &id, &err,
				"INSERT INTO unit (kind, name, name_folded, created_at, updated_at) "
				"VALUES ('province', 'A', 'a', 0, 0) RETURNING id"),
			 0); /* its row read, the statement closed early */
	assert_int_equal(db_commit(db, &err), 0);
	assert_int_equal(db_commits(), before + 1);
	assert_int_equal(db_begin(db, &err), 0);
	assert_int_equal(db_run(db, &err, "UPDATE unit SET name = 'B' WHERE id = $1", DB_I(id)),
			 0);
	assert_int_equal(db_commit(db, &err), 0);
	assert_int_equal(db_commits(), before + 2);
	test_db_close(db);
}

static void one_open_query_at_a_time(void **state)
{
	(void)state;
	struct db *db = test_db_open();
	struct dv_err err = {0};
	struct db_stmt *st, *st2;
	assert_int_equal(db_query(db, &st, &err, "SELECT 1 UNION ALL SELECT 2"), 0);
	assert_int_equal(db_step(st, &err), DB_ROW);
	/* libpq cannot interleave queries; SQLite could, but is held to the same rule */
	assert_int_equal(db_query(db, &st2, &err, "SELECT 3"), DV_EINTERNAL);
	assert_null(st2);
	db_finish(st);
	assert_int_equal(db_query(db, &st2, &err, "SELECT 3"), 0);
	assert_int_equal(db_step(st2, &err), DB_ROW);
	assert_int_equal(db_col_int(st2, 0), 3);
	assert_int_equal(db_step(st2, &err), DB_DONE);
	test_db_close(db);
}

static void wrong_parameter_count_is_a_bug(void **state)
{
	(void)state;
	struct db *db = test_db_open();
	struct dv_err err = {0};
	int64_t v;
	assert_int_equal(db_int(db, &v, &err, "SELECT $1 + $2", DB_I(1)), DV_EINTERNAL);
	assert_int_equal(db_int(db, &v, &err, "SELECT CAST($1 AS BIGINT) + 1", DB_I(41)), 0);
	assert_int_equal(v, 42);
	test_db_close(db);
}

static void nested_transactions_fail_together(void **state)
{
	(void)state;
	struct db *db = test_db_open();
	struct dv_err err = {0};
	const char *ins = "INSERT INTO organization (unit_id, kind, name, name_folded, created_at) "
			  "VALUES ($1, 'front', $2, $2, 0)";
	int64_t unit;
	assert_int_equal(
		db_int(db, &unit, &err,
		       "INSERT INTO unit (kind, name, name_folded, created_at, updated_at) "
		       "VALUES ('city', 'Dĩ An', 'di an', 0, 0) RETURNING id"),
		0);
	assert_int_equal(db_begin(db, &err), 0);
	assert_int_equal(db_run(db, &err, ins, DB_I(unit), DB_T("outer")), 0);
	assert_int_equal(db_begin(db, &err), 0);
	assert_int_equal(db_run(db, &err, ins, DB_I(unit), DB_T("inner")), 0);
	db_rollback(db); /* inner step failed */
	assert_int_equal(db_commit(db, &err), DV_EDB);
	assert_false(db_in_tx(db));
	int64_t n = -1;
	assert_int_equal(db_int(db, &n, &err, "SELECT COUNT(*) FROM organization"), 0);
	assert_int_equal(n, 0);
	/* a committed transaction persists */
	assert_int_equal(db_begin(db, &err), 0);
	assert_int_equal(db_run(db, &err, ins, DB_I(unit), DB_T("kept")), 0);
	assert_int_equal(db_commit(db, &err), 0);
	assert_int_equal(db_int(db, &n, &err, "SELECT COUNT(*) FROM organization"), 0);
	assert_int_equal(n, 1);
	test_db_close(db);
}

static void failed_statement_poisons_transaction(void **state)
{
	(void)state;
	struct db *db = test_db_open();
	struct dv_err err = {0};
	assert_int_equal(db_begin(db, &err), 0);
	assert_int_equal(
		db_run(db, &err,
		       "INSERT INTO unit (kind, name, name_folded, code, created_at, updated_at) "
		       "VALUES ('city', 'A', 'a', '1', 0, 0)"),
		0);
	assert_true(db_run(db, &err, "SELECT * FROM no_such_table") < 0);
	/* PostgreSQL has aborted the transaction; SQLite is made to agree */
	assert_int_equal(db_commit(db, &err), DV_EDB);
	int64_t n = -1;
	assert_int_equal(db_int(db, &n, &err, "SELECT COUNT(*) FROM unit"), 0);
	assert_int_equal(n, 0);
	test_db_close(db);
}

static void add_unit(struct db *db, const char *name)
{
	struct dv_err err = {0};
	assert_int_equal(db_run(db, &err,
				"INSERT INTO unit (kind, name, name_folded, created_at, updated_at) "
				"VALUES ('city', $1, $1, 0, 0)",
				DB_T(name)),
			 0);
}

/* A group commit's changes, each from the savepoint the last one renewed:
 * kept, undone, poisoned and undone, kept, and the last one released. */
static void renewed_savepoints_keep_and_undo_each_change(void **state)
{
	(void)state;
	struct db *db = test_db_open();
	struct dv_err err = {0};
	assert_int_equal(db_begin_shared(db, &err), 0);
	assert_int_equal(db_savepoint(db, &err), 0);
	add_unit(db, "a");
	assert_int_equal(db_savepoint_renew(db, 1, &err), 0);
	add_unit(db, "b");
	assert_int_equal(db_savepoint_renew(db, 0, &err), 0);
	add_unit(db, "c");
	assert_true(db_run(db, &err, "SELECT * FROM no_such_table") < 0);
	assert_true(db_tx_failed(db));
	assert_int_equal(db_savepoint_renew(db, 0, &err), 0);
	assert_false(db_tx_failed(db));
	add_unit(db, "d");
	assert_int_equal(db_savepoint_renew(db, 1, &err), 0);
	add_unit(db, "e");
	assert_int_equal(db_savepoint_release(db, &err), 0);
	assert_int_equal(db_commit(db, &err), 0);
	struct db_stmt *st;
	struct buf names = BUF_INIT;
	assert_int_equal(db_query(db, &st, &err, "SELECT name FROM unit ORDER BY name"), 0);
	while (db_step(st, &err) == DB_ROW)
		buf_adds(&names, db_col_text(st, 0));
	assert_string_equal(names.ptr, "ade");
	buf_release(&names);
	test_db_close(db);
}

/* PostgreSQL reports an error on a later row of a query closed early only
 * when the rest is drained; the transaction is aborted all the same, so the
 * commit must fail rather than claim success. */
static void late_errors_still_fail_the_commit(void **state)
{
	(void)state;
	struct db *db = test_db_open();
	struct dv_err err = {0};
	struct db_stmt *st;
	assert_int_equal(db_begin(db, &err), 0);
	assert_int_equal(db_run(db, &err,
				"INSERT INTO unit (kind, name, name_folded, created_at, updated_at) "
				"VALUES ('city', 'A', 'a', 0, 0)"),
			 0);
	/* row 1 is fine; row 2 divides by zero (an error on PostgreSQL, NULL on SQLite) */
	assert_int_equal(db_query(db, &st, &err,
				  "SELECT 10 / (x - 2) FROM (SELECT 1 AS x UNION ALL SELECT 2) v"),
			 0);
	assert_int_equal(db_step(st, &err), DB_ROW);
	db_finish(st);
	int rc = db_commit(db, &err);
	int64_t n = -1;
	assert_int_equal(db_int(db, &n, &err, "SELECT COUNT(*) FROM unit"), 0);
	if (strcmp(test_backend(), "postgres") == 0) {
		assert_int_equal(rc, DV_EDB);
		assert_int_equal(n, 0);
	} else {
		assert_int_equal(rc, 0);
		assert_int_equal(n, 1);
	}
	test_db_close(db);
}

static void rows_stream(void **state)
{
	(void)state;
	struct db *db = test_db_open();
	struct dv_err err = {0};
	assert_int_equal(db_begin(db, &err), 0);
	for (int i = 0; i < 3000; i++)
		assert_int_equal(
			db_run(db, &err,
			       "INSERT INTO unit (kind, name, name_folded, created_at, updated_at) "
			       "VALUES ('village', $1, $1, $2, 0)",
			       DB_T("Thôn"), DB_I(i)),
			0);
	assert_int_equal(db_commit(db, &err), 0);
	struct db_stmt *st;
	assert_int_equal(db_query(db, &st, &err, "SELECT created_at FROM unit ORDER BY created_at"),
			 0);
	int64_t expect = 0;
	int rc;
	while ((rc = db_step(st, &err)) == DB_ROW)
		assert_int_equal(db_col_int(st, 0), expect++);
	assert_int_equal(rc, DB_DONE);
	assert_int_equal(expect, 3000);
	/* stopping early leaves the connection usable */
	assert_int_equal(db_query(db, &st, &err, "SELECT id FROM unit"), 0);
	assert_int_equal(db_step(st, &err), DB_ROW);
	db_finish(st);
	int64_t n;
	assert_int_equal(db_int(db, &n, &err, "SELECT COUNT(*) FROM unit"), 0);
	assert_int_equal(n, 3000);
	test_db_close(db);
}

/* ------------------------------------------------------------------ blobs */

static void make_blob_table(struct db *db)
{
	struct dv_err err = {0};
	assert_int_equal(db_exec_script(db,
					"CREATE TABLE bin (id @ID@, name TEXT, n BIGINT, "
					"data @BLOB@, more @BLOB@)",
					&err),
			 0);
}

/* Insert data (a NULL pointer for NULL) and read it back by its id. */
static void assert_blob_round_trip(struct db *db, const void *data, size_t len)
{
	struct dv_err err = {0};
	struct db_stmt *st;
	int64_t id = 0;
	assert_int_equal(db_int(db, &id, &err, "INSERT INTO bin (data) VALUES ($1) RETURNING id",
				DB_B(data, len)),
			 0);
	assert_int_equal(db_query(db, &st, &err, "SELECT data FROM bin WHERE id = $1", DB_I(id)),
			 0);
	assert_int_equal(db_step(st, &err), DB_ROW);
	size_t got_len = 99;
	const void *got = db_col_blob(st, 0, &got_len);
	if (!data) {
		assert_null(got);
		assert_int_equal(got_len, 0);
	} else {
		assert_non_null(got);
		assert_int_equal(got_len, len);
		assert_memory_equal(got, data, len);
	}
	db_finish(st);
}

static void blobs_keep_every_byte(void **state)
{
	(void)state;
	struct db *db = test_db_open();
	make_blob_table(db);
	unsigned char all[256 * 2 + 3];
	for (size_t i = 0; i < sizeof(all); i++)
		all[i] = (unsigned char)i; /* NUL bytes at 0, 256 and 512 */
	assert_blob_round_trip(db, all, sizeof(all));
	assert_blob_round_trip(db, "\0", 1);
	assert_blob_round_trip(db, "\\x41", 4); /* looks like bytea hex text, is not */
	test_db_close(db);
}

static void blobs_of_five_megabytes(void **state)
{
	(void)state;
	struct db *db = test_db_open();
	struct dv_err err = {0};
	make_blob_table(db);
	size_t len = 5 * 1024 * 1024;
	unsigned char *big = malloc(len);
	uint32_t x = 2463534242u; /* xorshift: every byte value, no pattern */
	for (size_t i = 0; i < len; i++) {
		x ^= x << 13;
		x ^= x >> 17;
		x ^= x << 5;
		big[i] = (unsigned char)x;
	}
	assert_blob_round_trip(db, big, len);
	int64_t n = 0;
	assert_int_equal(db_int(db, &n, &err, "SELECT length(data) FROM bin"), 0);
	assert_int_equal(n, len);
	free(big);
	test_db_close(db);
}

static void empty_blob_is_not_null(void **state)
{
	(void)state;
	struct db *db = test_db_open();
	struct dv_err err = {0};
	make_blob_table(db);
	assert_blob_round_trip(db, "", 0);
	assert_blob_round_trip(db, NULL, 0);
	assert_blob_round_trip(db, NULL, 5); /* NULL whatever the length */
	int64_t n = -1;
	assert_int_equal(db_int(db, &n, &err, "SELECT COUNT(*) FROM bin WHERE data IS NULL"), 0);
	assert_int_equal(n, 2);
	assert_int_equal(db_int(db, &n, &err, "SELECT COUNT(*) FROM bin WHERE length(data) = 0"),
			 0);
	assert_int_equal(n, 1);
	struct db_stmt *st;
	assert_int_equal(db_query(db, &st, &err, "SELECT data FROM bin ORDER BY id"), 0);
	assert_int_equal(db_step(st, &err), DB_ROW);
	assert_false(db_col_null(st, 0));
	assert_int_equal(db_step(st, &err), DB_ROW);
	assert_true(db_col_null(st, 0));
	db_finish(st);
	test_db_close(db);
}

static void blobs_beside_text_and_numbers(void **state)
{
	(void)state;
	struct db *db = test_db_open();
	struct dv_err err = {0};
	make_blob_table(db);
	static const unsigned char a[] = {0, 'x', 0, 255}, b[] = {'\\', 'x', '0', 0};
	const char *ins = "INSERT INTO bin (name, data, n, more) VALUES ($1, $2, $3, $4)";
	assert_int_equal(db_run(db, &err, ins, DB_T("Tờ trình"), DB_B(a, sizeof(a)), DB_I(-7),
				DB_B(b, sizeof(b))),
			 0);
	assert_int_equal(db_run(db, &err, ins, DB_T("khác"), DB_B(b, 2), DB_I(8), DB_NULL), 0);
	/* a blob compares as bytes in WHERE, and the row's blobs stay valid together */
	struct db_stmt *st;
	assert_int_equal(db_query(db, &st, &err,
				  "SELECT name, data, n, more FROM bin WHERE data = $1 AND n < $2",
				  DB_B(a, sizeof(a)), DB_I(0)),
			 0);
	assert_int_equal(db_step(st, &err), DB_ROW);
	size_t la = 0, lb = 0, lt = 0;
	const void *pa = db_col_blob(st, 1, &la);
	const void *pb = db_col_blob(st, 3, &lb);
	assert_int_equal(la, sizeof(a));
	assert_memory_equal(pa, a, sizeof(a));
	assert_ptr_equal(db_col_blob(st, 1, &la), pa); /* read twice, decoded once */
	assert_int_equal(lb, sizeof(b));
	assert_memory_equal(pb, b, sizeof(b));
	assert_string_equal(db_col_text(st, 0), "Tờ trình");
	assert_int_equal(db_col_int(st, 2), -7);
	/* a text column read as a blob gives its bytes */
	const char *t = db_col_blob(st, 0, &lt);
	assert_int_equal(lt, strlen("Tờ trình"));
	assert_memory_equal(t, "Tờ trình", lt);
	assert_int_equal(db_step(st, &err), DB_DONE);
	/* blobs decoded on a row are freed when the query stops early (LSan) */
	assert_int_equal(db_query(db, &st, &err, "SELECT data, more FROM bin ORDER BY id"), 0);
	assert_int_equal(db_step(st, &err), DB_ROW);
	assert_non_null(db_col_blob(st, 0, &la));
	assert_non_null(db_col_blob(st, 1, &lb));
	assert_int_equal(db_step(st, &err), DB_ROW);
	assert_non_null(db_col_blob(st, 0, &la));
	assert_int_equal(la, 2);
	assert_null(db_col_blob(st, 1, &lb));
	db_finish(st);
	test_db_close(db);
}

static void oversized_blob_is_refused(void **state)
{
	(void)state;
	struct db *db = test_db_open();
	struct dv_err err = {0};
	make_blob_table(db);
	/* refused before a byte is read, so a short buffer is safe here */
	assert_int_equal(
		db_run(db, &err, "INSERT INTO bin (data) VALUES ($1)", DB_B("x", DB_MAX_BLOB + 1)),
		DV_ETOOBIG);
	int64_t n = -1;
	assert_int_equal(db_int(db, &n, &err, "SELECT COUNT(*) FROM bin"), 0);
	assert_int_equal(n, 0);
	test_db_close(db);
}

/* -------------------------------------------------------- dialect scripts */

/* 1 if a query on table answers, 0 if the table is not there. */
static int table_exists(struct db *db, const char *table)
{
	struct dv_err err = {0};
	char sql[80];
	int64_t n;
	snprintf(sql, sizeof(sql), "SELECT COUNT(*) FROM %s", table);
	return db_int(db, &n, &err, sql) == 0;
}

static void script_sections_pick_the_engine(void **state)
{
	(void)state;
	struct db *db = test_db_open_empty();
	struct dv_err err = {0};
	int sqlite = strcmp(test_backend(), "sqlite") == 0;
	assert_int_equal(db_exec_script(db,
					"CREATE TABLE everywhere (\n"
					"\tid @ID@,\n"
					"\tdata @BLOB@\n"
					"  -- @postgres  \n"
					"\t, only_pg BIGINT\n"
					"-- @end\n"
					"\t--@sqlite\r\n"
					"\t, only_sqlite BIGINT\n"
					"\t-- @end\t\n"
					");\n"
					"-- @sqlite\n"
					"CREATE TABLE in_sqlite (x INTEGER);\n"
					"-- @end\n"
					"-- @postgres\n"
					"CREATE TABLE in_postgres (x INTEGER);\n"
					"-- @end\n"
					"-- @sqlite is named in a comment, which stays a comment\n"
					"CREATE TABLE after (x INTEGER)",
					&err),
			 0);
	assert_true(table_exists(db, "everywhere"));
	assert_true(table_exists(db, "after"));
	assert_int_equal(table_exists(db, "in_sqlite"), sqlite);
	assert_int_equal(table_exists(db, "in_postgres"), !sqlite);
	assert_int_equal(table_exists(db, "(SELECT only_sqlite FROM everywhere) v"), sqlite);
	assert_int_equal(table_exists(db, "(SELECT only_pg FROM everywhere) v"), !sqlite);
	test_db_close(db);
}

static void misplaced_section_markers_run_nothing(void **state)
{
	(void)state;
	struct db *db = test_db_open_empty();
	struct dv_err err = {0};
	static const char *const bad[] = {
		"CREATE TABLE t1 (x INTEGER);\n-- @sqlite\nCREATE TABLE t2 (x INTEGER);\n",
		"CREATE TABLE t1 (x INTEGER);\n-- @end\n",
		"CREATE TABLE t1 (x INTEGER);\n-- @sqlite\n-- @postgres\n-- @end\n-- @end\n",
	};
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		assert_int_equal(db_exec_script(db, bad[i], &err), DV_EINTERNAL);
		assert_non_null(strstr(err.msg, "line"));
		assert_false(table_exists(db, "t1"));
	}
	test_db_close(db);
}

static void urls(void **state)
{
	(void)state;
	struct dv_err err = {0};
	struct db *db = NULL;
	assert_int_equal(db_open("mysql://x", &db, &err), DV_EINVAL);
	assert_non_null(strstr(err.msg, "sqlite:PATH"));
	assert_int_equal(db_open("sqlite:", &db, &err), DV_EINVAL);
	assert_int_equal(db_open("sqlite:/nonexistent-dir/x.db", &db, &err), DV_EDB);
	assert_int_equal(db_open("postgres://nobody@127.0.0.1:1/none", &db, &err), DV_EDB);
	assert_non_null(strstr(err.msg, "PostgreSQL"));
	setenv("DANVAN_DB", "sqlite:from-env.db", 1);
	assert_string_equal(db_default_url(NULL), "sqlite:from-env.db");
	assert_string_equal(db_default_url("sqlite:arg.db"), "sqlite:arg.db");
	unsetenv("DANVAN_DB");
	assert_string_equal(db_default_url(NULL), "sqlite:danvan.db");
	assert_int_equal(db_count_params("SELECT $1, $12 -- $99\n, '$40'"), 12);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(migrations_apply_once),
		cmocka_unit_test(dollar_params_bind_by_number),
		cmocka_unit_test(insert_returning_and_null),
		cmocka_unit_test(only_commits_that_wrote_count),
		cmocka_unit_test(one_open_query_at_a_time),
		cmocka_unit_test(wrong_parameter_count_is_a_bug),
		cmocka_unit_test(nested_transactions_fail_together),
		cmocka_unit_test(failed_statement_poisons_transaction),
		cmocka_unit_test(late_errors_still_fail_the_commit),
		cmocka_unit_test(renewed_savepoints_keep_and_undo_each_change),
		cmocka_unit_test(rows_stream),
		cmocka_unit_test(blobs_keep_every_byte),
		cmocka_unit_test(blobs_of_five_megabytes),
		cmocka_unit_test(empty_blob_is_not_null),
		cmocka_unit_test(blobs_beside_text_and_numbers),
		cmocka_unit_test(oversized_blob_is_refused),
		cmocka_unit_test(script_sections_pick_the_engine),
		cmocka_unit_test(misplaced_section_markers_run_nothing),
		cmocka_unit_test(urls),
	};
	return test_run(tests);
}
