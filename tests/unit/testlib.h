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

/* "sqlite" or "postgres". */
const char *test_backend(void);

/* A domain context over a fresh database, acting as the system; the arena
 * and database are released by test_ctx_free. */
struct dv_ctx *test_ctx_new(void);
void test_ctx_free(struct dv_ctx *ctx);

/* Fail the test with the context's error message if rc != 0. */
#define assert_ok(ctx, rc) test_assert_ok((ctx), (rc), __FILE__, __LINE__)
void test_assert_ok(struct dv_ctx *ctx, int rc, const char *file, int line);

/* Run the suite with a name that says which backend ran it. */
#define test_run(tests) _cmocka_run_group_tests(test_suite_name(__FILE__), (tests), \
	sizeof(tests) / sizeof((tests)[0]), NULL, NULL)
const char *test_suite_name(const char *file);

#endif
