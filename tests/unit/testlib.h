/*
 * Shared by the unit tests. Each test binary runs twice under tests/run.sh:
 * with DANVAN_TEST_DB=sqlite (a fresh file per database) and with
 * DANVAN_TEST_DB=postgres://.../postgres (a fresh database per call,
 * created on the throwaway cluster and dropped afterwards).
 */
#ifndef DV_TESTLIB_H
#define DV_TESTLIB_H

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "domain/ctx.h"
#include "store/db.h"

/* A fresh, migrated database. Fails the test if it cannot be made. */
struct db *test_db_open(void);
/* A fresh database with no migrations applied. */
struct db *test_db_open_empty(void);
void test_db_close(struct db *db);
/* A second connection to the same database (close it with db_close). */
struct db *test_db_connect(struct db *db);

/* "sqlite" or "postgres". */
const char *test_backend(void);

/* A domain context over a fresh database, acting as the system; the arena
 * and database are released by test_ctx_free. */
struct dv_ctx *test_ctx_new(void);
void test_ctx_free(struct dv_ctx *ctx);

/* A small map for domain tests, all created by the system:
 *   Bình Dương (province) > Dĩ An (city) > Tân Đông Hiệp (ward) > Đông Tác, Chiêu Liêu
 *                                        > Bình An (ward) > Khu phố Nội Hóa 1
 * plus a second province with a ward and a neighborhood, for "elsewhere". */
struct test_tree {
	int64_t province, city, tdh, dong_tac, chieu_lieu, binh_an, noi_hoa;
	int64_t other_province, other_ward, other_nb;
};
void test_tree_build(struct dv_ctx *ctx, struct test_tree *t);

/* A household with n present residents (the first is "Chủ hộ") in unit. */
int64_t test_household(struct dv_ctx *ctx, int64_t unit, const char *address, int n);

/* An actor holding one grant (role on unit), for permission tests; memory in
 * the context's arena. household_id may be 0. */
const struct actor *test_actor(struct dv_ctx *ctx, int role, int64_t unit, int64_t household_id);

/* ---------- Files and tools, for the tests that read what they write ---------- */

struct buf;

/* A fresh directory $TMPDIR/PREFIX.XXXXXX (mkdtemp's template; /tmp without
 * $TMPDIR) written into dir; 0, or -1 if it cannot be made. */
int test_dir_new(char *dir, size_t size, const char *prefix);
/* Remove the directory and the files in it (not subdirectories). */
void test_dir_remove(const char *dir);

/* Run a shell command; its standard output replaces out's content. Returns
 * its exit status, -1 if it did not exit. */
int test_shell(struct buf *out, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* The file tests/data/NAME, found from the test's source path or from the
 * test binary's (build[/asan]/tests/): malloc'd, NUL-terminated, its length
 * in *len. Fails the test if it is not found. */
char *test_fixture(const char *name, size_t *len);

/* Write len bytes to dir/name; fails the test if it cannot. */
void test_write_file(const char *dir, const char *name, const void *data, size_t len);

/* Fail the test with the context's error message if rc != 0. */
#define assert_ok(ctx, rc) test_assert_ok((ctx), (rc), __FILE__, __LINE__)
void test_assert_ok(struct dv_ctx *ctx, int rc, const char *file, int line);

/* Run the suite with a name that says which backend ran it. */
#define test_run(tests)                                                                            \
	_cmocka_run_group_tests(test_suite_name(__FILE__), (tests),                                \
				sizeof(tests) / sizeof((tests)[0]), NULL, NULL)
const char *test_suite_name(const char *file);

#endif
