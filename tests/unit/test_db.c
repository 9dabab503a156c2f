#include "testlib.h"

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
	assert_int_equal(n, migrate_latest());
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
		cmocka_unit_test(one_open_query_at_a_time),
		cmocka_unit_test(wrong_parameter_count_is_a_bug),
		cmocka_unit_test(nested_transactions_fail_together),
		cmocka_unit_test(failed_statement_poisons_transaction),
		cmocka_unit_test(late_errors_still_fail_the_commit),
		cmocka_unit_test(rows_stream),
		cmocka_unit_test(urls),
	};
	return test_run(tests);
}
