#include "testlib.h"

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "base/buf.h"

#include "base/log.h"
#include "domain/registry/household.h"
#include "domain/registry/resident.h"
#include "domain/registry/unit.h"
#include "base/token.h"
#include "store/migrate.h"

struct test_db {
	struct db *db;
	char name[64]; /* postgres database name, or sqlite file path */
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
				snprintf(sql, sizeof(sql),
					 "DROP DATABASE IF EXISTS %s WITH (FORCE)", t->name);
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
		print_error("ERROR: rc=%d (%s): %s\n", rc, dv_err_name(rc),
			    ctx ? ctx->err.msg : "");
		_fail(file, line);
	}
}

void test_tree_build(struct dv_ctx *ctx, struct test_tree *t)
{
	assert_ok(ctx, unit_create(ctx, 0, UNIT_PROVINCE, "Bình Dương", "74", &t->province));
	assert_ok(ctx, unit_create(ctx, t->province, UNIT_CITY, "Dĩ An", "724", &t->city));
	assert_ok(ctx, unit_create(ctx, t->city, UNIT_WARD, "Tân Đông Hiệp", "25948", &t->tdh));
	assert_ok(ctx, unit_create(ctx, t->tdh, UNIT_NEIGHBORHOOD, "Đông Tác", NULL, &t->dong_tac));
	assert_ok(ctx,
		  unit_create(ctx, t->tdh, UNIT_NEIGHBORHOOD, "Chiêu Liêu", NULL, &t->chieu_lieu));
	assert_ok(ctx, unit_create(ctx, t->city, UNIT_WARD, "Bình An", "25951", &t->binh_an));
	assert_ok(ctx,
		  unit_create(ctx, t->binh_an, UNIT_NEIGHBORHOOD, "Nội Hóa 1", NULL, &t->noi_hoa));
	assert_ok(ctx, unit_create(ctx, 0, UNIT_PROVINCE, "Đồng Nai", "75", &t->other_province));
	assert_ok(ctx, unit_create(ctx, t->other_province, UNIT_WARD, "Tân Phong", NULL,
				   &t->other_ward));
	assert_ok(ctx, unit_create(ctx, t->other_ward, UNIT_NEIGHBORHOOD, "Khu phố 1", NULL,
				   &t->other_nb));
}

int64_t test_household(struct dv_ctx *ctx, int64_t unit, const char *address, int n)
{
	static const char *names[] = {"Nguyễn Văn Hùng", "Trần Thị Lan",   "Nguyễn Minh Khoa",
				      "Nguyễn Thị Mai",	 "Nguyễn Văn Tài", "Nguyễn Thị Hoa"};
	static const char *relations[] = {"Chủ hộ", "Vợ", "Con", "Con", "Con", "Con"};
	static const char *genders[] = {"male", "female", "male", "female", "male", "female"};
	int64_t hid = 0;
	struct household_input in = {.unit_id = unit, .address = address};
	assert_ok(ctx, household_create(ctx, &in, &hid));
	for (int i = 0; i < n; i++) {
		struct resident_input r = {.household_id = hid,
					   .full_name = names[i % 6],
					   .birth_date = "01/01/1980",
					   .gender = genders[i % 6],
					   .relation = relations[i % 6],
					   .phone = i == 0 ? "0912 345 678" : "",
					   .national_id = i == 0 ? "074080001234" : ""};
		assert_ok(ctx, resident_add(ctx, &r, NULL));
	}
	return hid;
}

const struct actor *test_actor(struct dv_ctx *ctx, int role, int64_t unit, int64_t household_id)
{
	struct actor *a = arena_new(ctx->arena, struct actor);
	a->account_id = 1000 + role;
	a->household_id = household_id;
	a->display_name = "test";
	a->ngrants = 1;
	a->grants = arena_new(ctx->arena, struct grant);
	a->grants[0] = (struct grant){.id = 1, .role = role, .unit_id = unit};
	return a;
}

struct db *test_db_connect(struct db *db)
{
	struct db *other = NULL;
	struct dv_err err = {0};
	if (db_open(db_url(db), &other, &err))
		fail_msg("cannot connect again: %s", err.msg);
	return other;
}

/* ---------------------------------------------------------------- files */

char *test_fixture(const char *name, size_t *len)
{
	char paths[3][1024], exe[900] = "";
	const char *slash = strrchr(__FILE__, '/');
	snprintf(paths[0], sizeof(paths[0]), "%.*s/../data/%s", (int)(slash - __FILE__), __FILE__,
		 name);
	ssize_t n = readlink("/proc/self/exe", exe, sizeof(exe) - 1);
	exe[n > 0 ? n : 0] = '\0';
	char *dir = strrchr(exe, '/');
	if (dir)
		*dir = '\0';
	snprintf(paths[1], sizeof(paths[1]), "%s/../../tests/data/%s", exe, name);
	snprintf(paths[2], sizeof(paths[2]), "%s/../../../tests/data/%s", exe, name);
	for (int i = 0; i < 3; i++) {
		FILE *f = fopen(paths[i], "rb");
		if (!f)
			continue;
		struct buf b = BUF_INIT;
		char chunk[4096];
		size_t got;
		while ((got = fread(chunk, 1, sizeof(chunk), f)) > 0)
			buf_add(&b, chunk, got);
		fclose(f);
		return buf_detach(&b, len);
	}
	fail_msg("fixture %s not found", name);
	return NULL;
}

int test_dir_new(char *dir, size_t size, const char *prefix)
{
	const char *tmp = getenv("TMPDIR");
	int n = snprintf(dir, size, "%s/%s.XXXXXX", tmp && *tmp ? tmp : "/tmp", prefix);
	return n > 0 && (size_t)n < size && mkdtemp(dir) ? 0 : -1;
}

void test_dir_remove(const char *dir)
{
	if (getenv("KEEP_TEST_DIR")) /* as the shell tests: keep it to look at */
		return;
	DIR *d = opendir(dir);
	if (!d)
		return;
	struct dirent *e;
	while ((e = readdir(d))) {
		char path[8192];
		if (strcmp(e->d_name, ".") && strcmp(e->d_name, "..")) {
			snprintf(path, sizeof(path), "%s/%s", dir, e->d_name);
			unlink(path);
		}
	}
	closedir(d);
	rmdir(dir);
}

int test_shell(struct buf *out, const char *fmt, ...)
{
	struct buf cmd = BUF_INIT;
	va_list ap;
	va_start(ap, fmt);
	buf_vaddf(&cmd, fmt, ap);
	va_end(ap);
	FILE *p = popen(cmd.ptr, "r");
	assert_non_null(p);
	char chunk[4096];
	size_t n;
	buf_reset(out);
	while ((n = fread(chunk, 1, sizeof(chunk), p)) > 0)
		buf_add(out, chunk, n);
	int st = pclose(p);
	buf_release(&cmd);
	return WIFEXITED(st) ? WEXITSTATUS(st) : -1;
}

void test_write_file(const char *dir, const char *name, const void *data, size_t len)
{
	char path[4096];
	snprintf(path, sizeof(path), "%s/%s", dir, name);
	FILE *f = fopen(path, "wb");
	assert_non_null(f);
	assert_int_equal(fwrite(data, 1, len, f), len);
	assert_int_equal(fclose(f), 0);
}
