#include "testlib.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "base/log.h"
#include "base/token.h"
#include "store/migrate.h"

struct test_db {
	struct db *db;
	char name[64];   /* postgres database name, or sqlite file path */
};

static struct test_db opened[64];
static int counter;

static const char *env_db(void)
{
	const char *e = getenv("DANVAN_TEST_DB");
	return (e && *e) ? e : "sqlite";
}

const char *test_backend(void)
{
	return strncmp(env_db(), "postgres", 8) == 0 ? "postgres" : "sqlite";
}

const char *test_suite_name(const char *file)
{
	static char name[128];
	const char *base = strrchr(file, '/');
	base = base ? base + 1 : file;
	snprintf(name, sizeof(name), "%.*s [%s]", (int)(strcspn(base, ".")), base, test_backend());
	return name;
}

static void once(void)
{
	static int done;
	if (done)
		return;
	done = 1;
	if (token_init() != 0)
		fail_msg("libsodium failed to start");
	log_level_set(getenv("DANVAN_TEST_LOG") ? LOG_DEBUG : LOG_OFF);
}

/* postgres://user@host:port/admin -> postgres://user@host:port/NAME */
static void pg_url_for(char *out, size_t cap, const char *admin, const char *name)
{
	const char *slash = strrchr(admin, '/');
	snprintf(out, cap, "%.*s/%s", (int)(slash - admin), admin, name);
}

static struct db *open_fresh(int migrate)
{
	once();
	struct dv_err err = {0};
	struct db *db = NULL;
	char url[512];
	struct test_db *slot = NULL;
	for (int i = 0; i < 64; i++)
		if (!opened[i].db) {
			slot = &opened[i];
			break;
		}
	if (!slot)
		fail_msg("too many test databases open");
	counter++;
	if (strcmp(test_backend(), "postgres") == 0) {
		snprintf(slot->name, sizeof(slot->name), "dvt_%d_%d", (int)getpid(), counter);
		struct db *admin = NULL;
		if (db_open(env_db(), &admin, &err))
			fail_msg("cannot reach the test PostgreSQL: %s", err.msg);
		char sql[160];
		snprintf(sql, sizeof(sql), "CREATE DATABASE %s TEMPLATE template0 ENCODING 'UTF8'",
			 slot->name);
		if (db_exec_script(admin, sql, &err))
			fail_msg("%s", err.msg);
		db_close(admin);
		pg_url_for(url, sizeof(url), env_db(), slot->name);
	} else {
		const char *tmp = getenv("TMPDIR");
		snprintf(slot->name, sizeof(slot->name), "%s/dvt_%d_%d.db", tmp ? tmp : "/tmp",
			 (int)getpid(), counter);
		snprintf(url, sizeof(url), "sqlite:%s", slot->name);
	}
	if (db_open(url, &db, &err))
		fail_msg("cannot open test database %s: %s", url, err.msg);
	if (migrate && migrate_apply(db, NULL, &err))
		fail_msg("migrations failed: %s", err.msg);
	slot->db = db;
	return db;
}

struct db *test_db_open(void)
{
	return open_fresh(1);
}

struct db *test_db_open_empty(void)
{
	return open_fresh(0);
}

void test_db_close(struct db *db)
{
	for (int i = 0; i < 64; i++) {
		struct test_db *t = &opened[i];
		if (t->db != db)
			continue;
		db_close(db);
		t->db = NULL;
		if (strcmp(test_backend(), "postgres") == 0) {
			struct dv_err err = {0};
			struct db *admin = NULL;
			if (db_open(env_db(), &admin, &err) == 0) {
				char sql[160];
				snprintf(sql, sizeof(sql), "DROP DATABASE IF EXISTS %s WITH (FORCE)",
					 t->name);
				db_exec_script(admin, sql, &err);
				db_close(admin);
			}
		} else {
			char path[96];
			unlink(t->name);
			snprintf(path, sizeof(path), "%s-wal", t->name);
			unlink(path);
			snprintf(path, sizeof(path), "%s-shm", t->name);
			unlink(path);
		}
		return;
	}
	db_close(db);
}

struct dv_ctx *test_ctx_new(void)
{
	struct dv_ctx *ctx = calloc(1, sizeof(*ctx));
	struct arena *a = calloc(1, sizeof(*a));
	arena_init(a);
	ctx_init(ctx, test_db_open(), a, &actor_system);
	return ctx;
}

void test_ctx_free(struct dv_ctx *ctx)
{
	if (!ctx)
		return;
	test_db_close(ctx->db);
	arena_release(ctx->arena);
	free(ctx->arena);
	free(ctx);
}

void test_assert_ok(struct dv_ctx *ctx, int rc, const char *file, int line)
{
	if (rc != 0) {
		print_error("ERROR: rc=%d (%s): %s\n", rc, dv_err_name(rc), ctx ? ctx->err.msg : "");
		_fail(file, line);
	}
}
