#include "testlib.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "base/date.h"
#include "domain/disclose/notice.h"
#include "domain/identity/account.h"
#include "domain/registry/household.h"
#include "domain/perm.h"
#include "domain/registry/resident.h"
#include "domain/registry/unit.h"
#include "domain/registry/unit_import.h"
#include "store/audit.h"

static void kinds_and_shape(void **state)
{
	(void)state;
	enum unit_kind k;
	assert_int_equal(unit_kind_parse("residential_group", &k, NULL), 0);
	assert_int_equal(k, UNIT_RESIDENTIAL_GROUP);
	assert_int_equal(unit_kind_parse("district", &k, NULL), DV_EINVAL);
	assert_true(unit_kind_may_contain(-1, UNIT_PROVINCE));
	assert_true(unit_kind_may_contain(-1, UNIT_CITY));
	assert_false(unit_kind_may_contain(-1, UNIT_WARD));
	assert_true(unit_kind_may_contain(UNIT_CITY, UNIT_CITY));     /* Thủ Đức in HCMC */
	assert_true(unit_kind_may_contain(UNIT_PROVINCE, UNIT_WARD)); /* after 2025 */
	assert_false(unit_kind_may_contain(UNIT_NEIGHBORHOOD, UNIT_WARD));
	assert_true(unit_kind_may_contain(UNIT_NEIGHBORHOOD, UNIT_RESIDENTIAL_GROUP));
	assert_false(unit_kind_may_contain(UNIT_WARD, UNIT_CITY));
}

static void tree_queries(void **state)
{
	(void)state;
	struct dv_ctx *ctx = test_ctx_new();
	struct test_tree t;
	test_tree_build(ctx, &t);
	struct unit *v;
	size_t n;
	assert_ok(ctx, unit_ancestors(ctx, t.dong_tac, &v, &n));
	assert_int_equal(n, 4);
	assert_string_equal(v[0].name, "Bình Dương");
	assert_string_equal(v[1].name, "Dĩ An");
	assert_string_equal(v[2].name, "Tân Đông Hiệp");
	assert_string_equal(v[3].name, "Đông Tác");
	assert_ok(ctx, unit_children(ctx, t.tdh, &v, &n));
	assert_int_equal(n, 2);
	assert_int_equal(v[0].kind, UNIT_NEIGHBORHOOD);
	assert_ok(ctx, unit_roots(ctx, &v, &n));
	assert_int_equal(n, 2);
	/* depth-first display order */
	assert_ok(ctx, unit_subtree(ctx, t.city, 10, &v, &n));
	assert_int_equal(n, 6);
	const char *order[] = {"Dĩ An",	     "Tân Đông Hiệp", "Đông Tác",
			       "Chiêu Liêu", "Bình An",	      "Nội Hóa 1"};
	int depth[] = {0, 1, 2, 2, 1, 2};
	for (size_t i = 0; i < n; i++) {
		assert_string_equal(v[i].name, order[i]);
		assert_int_equal(v[i].depth, depth[i]);
	}
	assert_ok(ctx, unit_subtree(ctx, t.city, 1, &v, &n));
	assert_int_equal(n, 3);
	int yes;
	assert_ok(ctx, unit_is_within(ctx, t.dong_tac, t.city, &yes));
	assert_true(yes);
	assert_ok(ctx, unit_is_within(ctx, t.dong_tac, t.binh_an, &yes));
	assert_false(yes);
	int64_t commune;
	assert_ok(ctx, unit_commune_of(ctx, t.chieu_lieu, &commune));
	assert_int_equal(commune, t.tdh);
	assert_int_equal(unit_commune_of(ctx, t.city, &commune), DV_ENOTFOUND);
	struct unit u;
	assert_ok(ctx, unit_find_code(ctx, "25948", &u));
	assert_int_equal(u.id, t.tdh);
	assert_int_equal(unit_get(ctx, 99999, &u), DV_ENOTFOUND);
	test_ctx_free(ctx);
}

static void search_folds_vietnamese(void **state)
{
	(void)state;
	struct dv_ctx *ctx = test_ctx_new();
	struct test_tree t;
	test_tree_build(ctx, &t);
	const char *queries[] = {"Tân Đông Hiệp", "tan dong hiep", "TÂN ĐÔNG HIỆP", "dong hiep"};
	for (int i = 0; i < 4; i++) {
		struct unit *v;
		size_t n;
		assert_ok(ctx, unit_search(ctx, queries[i], 10, &v, &n));
		assert_int_equal(n, 1);
		assert_int_equal(v[0].id, t.tdh);
	}
	struct unit *v;
	size_t n;
	assert_ok(ctx,
		  unit_search(ctx, "dong", 10, &v, &n)); /* Đồng Nai, Đông Tác, Tân Đông Hiệp */
	assert_int_equal(n, 3);
	assert_ok(ctx, unit_search(ctx, "%", 10, &v, &n)); /* LIKE wildcards are literal */
	assert_int_equal(n, 0);
	test_ctx_free(ctx);
}

static void create_refuses_bad_input(void **state)
{
	(void)state;
	struct dv_ctx *ctx = test_ctx_new();
	struct test_tree t;
	test_tree_build(ctx, &t);
	int64_t id;
	assert_int_equal(unit_create(ctx, t.tdh, UNIT_NEIGHBORHOOD, "  ", NULL, &id), DV_EINVAL);
	assert_string_equal(ctx->err.field, "name");
	assert_int_equal(unit_create(ctx, t.tdh, UNIT_NEIGHBORHOOD, "Khu phố \xff", NULL, &id),
			 DV_EINVAL);
	assert_int_equal(unit_create(ctx, t.tdh, UNIT_WARD, "Phường mới", NULL, &id), DV_EINVAL);
	assert_string_equal(ctx->err.field, "kind");
	assert_int_equal(unit_create(ctx, 0, UNIT_WARD, "Phường", NULL, &id), DV_EINVAL);
	assert_int_equal(unit_create(ctx, 424242, UNIT_WARD, "Phường", NULL, &id), DV_EINVAL);
	assert_string_equal(ctx->err.field, "parent");
	assert_int_equal(unit_create(ctx, t.city, UNIT_WARD, "Trùng mã", "25948", &id),
			 DV_ECONFLICT);
	assert_string_equal(ctx->err.field, "code");
	assert_int_equal(unit_create(ctx, t.city, UNIT_WARD, "Mã sai", "25 948", &id), DV_EINVAL);
	char longname[400];
	memset(longname, 'a', sizeof(longname) - 1);
	longname[sizeof(longname) - 1] = '\0';
	assert_int_equal(unit_create(ctx, t.tdh, UNIT_NEIGHBORHOOD, longname, NULL, &id),
			 DV_EINVAL);
	/* nothing half-written */
	int64_t count;
	assert_ok(ctx, db_int(ctx->db, &count, &ctx->err, "SELECT COUNT(*) FROM unit"));
	assert_int_equal(count, 10);
	assert_ok(ctx, db_int(ctx->db, &count, &ctx->err, "SELECT COUNT(*) FROM unit_tree"));
	/* one row per unit and ancestor: depths 1+2+3+4+4+3+4 and 1+2+3 */
	assert_int_equal(count, 27);
	test_ctx_free(ctx);
}

static void rename_keeps_history(void **state)
{
	(void)state;
	struct dv_ctx *ctx = test_ctx_new();
	struct test_tree t;
	test_tree_build(ctx, &t);
	assert_ok(ctx, unit_rename(ctx, t.noi_hoa, "Khu phố Nội Hóa 1"));
	struct unit u;
	assert_ok(ctx, unit_get(ctx, t.noi_hoa, &u));
	assert_string_equal(u.name, "Khu phố Nội Hóa 1");
	int64_t n;
	assert_ok(ctx,
		  db_int(ctx->db, &n, &ctx->err,
			 "SELECT COUNT(*) FROM unit_event WHERE unit_id = $1 AND kind = 'renamed' "
			 "AND old_name = 'Nội Hóa 1'",
			 DB_I(t.noi_hoa)));
	assert_int_equal(n, 1);
	test_ctx_free(ctx);
}

static int64_t count_of(struct dv_ctx *ctx, int64_t unit, int residents)
{
	struct unit u;
	assert_ok(ctx, unit_get(ctx, unit, &u));
	return residents ? u.residents : u.households;
}

/* The counts kept by writes equal the counts recomputed from scratch. */
static void assert_counts_consistent(struct dv_ctx *ctx)
{
	int64_t h1, r1, h2, r2;
	assert_ok(ctx, db_int(ctx->db, &h1, &ctx->err, "SELECT SUM(households * id) FROM unit"));
	assert_ok(ctx, db_int(ctx->db, &r1, &ctx->err, "SELECT SUM(residents * id) FROM unit"));
	assert_ok(ctx, unit_recount(ctx));
	assert_ok(ctx, db_int(ctx->db, &h2, &ctx->err, "SELECT SUM(households * id) FROM unit"));
	assert_ok(ctx, db_int(ctx->db, &r2, &ctx->err, "SELECT SUM(residents * id) FROM unit"));
	assert_int_equal(h1, h2);
	assert_int_equal(r1, r2);
}

/* A transaction remembers the commune of the units it asked about; a
 * move inside the same transaction (a group commit's batch may hold one)
 * makes it ask again. */
static void a_move_in_the_transaction_updates_the_remembered_commune(void **state)
{
	(void)state;
	struct dv_ctx *ctx = test_ctx_new();
	struct test_tree t;
	test_tree_build(ctx, &t);
	int64_t commune = 0;
	assert_ok(ctx, ctx_begin(ctx));
	assert_ok(ctx, unit_commune_of(ctx, t.chieu_lieu, &commune));
	assert_int_equal(commune, t.tdh);
	assert_ok(ctx, unit_move(ctx, t.chieu_lieu, t.binh_an));
	assert_ok(ctx, unit_commune_of(ctx, t.chieu_lieu, &commune));
	assert_int_equal(commune, t.binh_an);
	assert_ok(ctx, ctx_end(ctx, 0));
	test_ctx_free(ctx);
}

static void move_carries_households_and_counts(void **state)
{
	(void)state;
	struct dv_ctx *ctx = test_ctx_new();
	struct test_tree t;
	test_tree_build(ctx, &t);
	int64_t hh = test_household(ctx, t.chieu_lieu, "12 đường Chiêu Liêu", 3);
	test_household(ctx, t.dong_tac, "5 đường ĐT743", 2);
	assert_int_equal(count_of(ctx, t.city, 0), 2);
	assert_int_equal(count_of(ctx, t.city, 1), 5);
	assert_int_equal(count_of(ctx, t.tdh, 1), 5);
	assert_ok(ctx, unit_move(ctx, t.chieu_lieu, t.binh_an));
	assert_int_equal(count_of(ctx, t.tdh, 0), 1);
	assert_int_equal(count_of(ctx, t.tdh, 1), 2);
	assert_int_equal(count_of(ctx, t.binh_an, 1), 3);
	assert_int_equal(count_of(ctx, t.city, 1), 5);
	struct household h;
	assert_ok(ctx, household_get(ctx, hh, &h));
	assert_int_equal(h.ward_id, t.binh_an);
	assert_int_equal(h.origin_unit_id, t.chieu_lieu);
	int64_t w;
	assert_ok(ctx,
		  db_int(ctx->db, &w, &ctx->err,
			 "SELECT COUNT(*) FROM resident WHERE household_id = $1 AND ward_id = $2",
			 DB_I(hh), DB_I(t.binh_an)));
	assert_int_equal(w, 3);
	struct unit *v;
	size_t n;
	assert_ok(ctx, unit_ancestors(ctx, t.chieu_lieu, &v, &n));
	assert_int_equal(v[n - 2].id, t.binh_an);
	/* refusals */
	assert_int_equal(unit_move(ctx, t.city, t.tdh), DV_EINVAL);	 /* into itself */
	assert_int_equal(unit_move(ctx, t.dong_tac, t.city), DV_EINVAL); /* kind */
	assert_int_equal(unit_move(ctx, t.tdh, 777777), DV_EINVAL);
	assert_counts_consistent(ctx);
	test_ctx_free(ctx);
}

static void merge_keeps_the_old_unit(void **state)
{
	(void)state;
	struct dv_ctx *ctx = test_ctx_new();
	struct test_tree t;
	test_tree_build(ctx, &t);
	int64_t h1 = test_household(ctx, t.chieu_lieu, "1 Chiêu Liêu", 2);
	test_household(ctx, t.dong_tac, "2 Đông Tác", 4);
	/* two neighborhoods become one: households move, the old unit stays, merged */
	assert_ok(ctx, unit_merge(ctx, t.chieu_lieu, t.dong_tac));
	struct unit u;
	assert_ok(ctx, unit_get(ctx, t.chieu_lieu, &u));
	assert_string_equal(u.status, "merged");
	assert_int_equal(u.merged_into, t.dong_tac);
	assert_int_equal(u.households, 0);
	assert_int_equal(count_of(ctx, t.dong_tac, 0), 2);
	assert_int_equal(count_of(ctx, t.dong_tac, 1), 6);
	struct household h;
	assert_ok(ctx, household_get(ctx, h1, &h));
	assert_int_equal(h.unit_id, t.dong_tac);
	assert_int_equal(h.origin_unit_id, t.chieu_lieu); /* where it was registered */
	int64_t moves;
	assert_ok(ctx, db_int(ctx->db, &moves, &ctx->err,
			      "SELECT COUNT(*) FROM household_move WHERE household_id = $1 "
			      "AND reason = 'merge' AND from_unit_id = $2",
			      DB_I(h1), DB_I(t.chieu_lieu)));
	assert_int_equal(moves, 1);
	struct unit *kids;
	size_t n;
	assert_ok(ctx, unit_children(ctx, t.tdh, &kids, &n));
	assert_int_equal(n, 1);
	/* a merged unit takes nothing new */
	int64_t id;
	assert_int_equal(unit_merge(ctx, t.chieu_lieu, t.dong_tac), DV_EINVAL);
	struct household_input in = {.unit_id = t.chieu_lieu, .address = "3 Chiêu Liêu"};
	assert_int_equal(household_create(ctx, &in, &id), DV_EINVAL);
	assert_int_equal(unit_merge(ctx, t.city, t.tdh), DV_EINVAL); /* into its own child */
	assert_int_equal(unit_merge(ctx, t.tdh, t.tdh), DV_EINVAL);
	/* households cannot be poured into a ward */
	test_household(ctx, t.noi_hoa, "4 Nội Hóa", 1);
	assert_int_equal(unit_merge(ctx, t.noi_hoa, t.tdh), DV_EINVAL);
	assert_int_equal(count_of(ctx, t.noi_hoa, 0), 1); /* untouched */
	assert_counts_consistent(ctx);
	test_ctx_free(ctx);
}

/*
 * July 2025: the district level is abolished, Bình Dương joins Hồ Chí Minh
 * City, and the new phường Dĩ An takes in the old Dĩ An and An Bình wards and
 * six of Tân Đông Hiệp's seven neighborhoods.
 */
static void reform_of_2025(void **state)
{
	(void)state;
	struct dv_ctx *ctx = test_ctx_new();
	int64_t bd, city, di_an, an_binh, tdh, hcmc, new_di_an, nb[7];
	const char *tdh_nbs[] = {"Đông Tác", "Đông Chiêu", "Chiêu Liêu", "Đông Thành",
				 "Tân Long", "Đông An",	   "Tân An"};
	assert_ok(ctx, unit_create(ctx, 0, UNIT_PROVINCE, "Bình Dương", "74", &bd));
	assert_ok(ctx, unit_create(ctx, bd, UNIT_CITY, "Dĩ An", "724", &city));
	assert_ok(ctx, unit_create(ctx, city, UNIT_WARD, "Dĩ An", "25942", &di_an));
	assert_ok(ctx, unit_create(ctx, city, UNIT_WARD, "An Bình", "25960", &an_binh));
	assert_ok(ctx, unit_create(ctx, city, UNIT_WARD, "Tân Đông Hiệp", "25948", &tdh));
	for (int i = 0; i < 7; i++)
		assert_ok(ctx, unit_create(ctx, tdh, UNIT_NEIGHBORHOOD, tdh_nbs[i], NULL, &nb[i]));
	int64_t kp_di_an[3], kp_an_binh[2];
	for (int i = 0; i < 3; i++) {
		char name[32];
		snprintf(name, sizeof(name), "Khu phố %d", i + 1);
		assert_ok(ctx,
			  unit_create(ctx, di_an, UNIT_NEIGHBORHOOD, name, NULL, &kp_di_an[i]));
		test_household(ctx, kp_di_an[i], "Dĩ An", 2);
	}
	for (int i = 0; i < 2; i++) {
		char name[32];
		snprintf(name, sizeof(name), "Khu phố %d", i + 1);
		assert_ok(ctx,
			  unit_create(ctx, an_binh, UNIT_NEIGHBORHOOD, name, NULL, &kp_an_binh[i]));
		test_household(ctx, kp_an_binh[i], "An Bình", 3);
	}
	for (int i = 0; i < 7; i++)
		test_household(ctx, nb[i], tdh_nbs[i], 1);
	/* a record made in the old ward before the reform */
	int64_t before;
	assert_ok(ctx, db_int(ctx->db, &before, &ctx->err,
			      "SELECT id FROM household WHERE unit_id = $1", DB_I(kp_an_binh[0])));
	assert_int_equal(count_of(ctx, city, 0), 12);

	/* the reform */
	assert_ok(ctx, unit_create(ctx, 0, UNIT_CITY, "Thành phố Hồ Chí Minh", "79", &hcmc));
	assert_ok(ctx, unit_create(ctx, hcmc, UNIT_WARD, "Dĩ An", NULL, &new_di_an));
	assert_ok(ctx, unit_merge(ctx, di_an, new_di_an));
	assert_ok(ctx, unit_merge(ctx, an_binh, new_di_an));
	for (int i = 0; i < 6; i++) /* all but Tân An */
		assert_ok(ctx, unit_move(ctx, nb[i], new_di_an));
	/* the rest of Tân Đông Hiệp and the city level go too */
	int64_t dong_hoa;
	assert_ok(ctx, unit_create(ctx, hcmc, UNIT_WARD, "Đông Hòa", NULL, &dong_hoa));
	assert_ok(ctx, unit_merge(ctx, tdh, dong_hoa));
	assert_ok(ctx, unit_move(ctx, city, hcmc)); /* kept as history under the new city */

	assert_int_equal(count_of(ctx, new_di_an, 0), 3 + 2 + 6);
	assert_int_equal(count_of(ctx, new_di_an, 1), 6 + 6 + 6);
	assert_int_equal(count_of(ctx, dong_hoa, 0), 1);
	assert_int_equal(count_of(ctx, hcmc, 0), 12);
	assert_int_equal(count_of(ctx, bd, 0), 0);
	struct unit *kids;
	size_t n;
	assert_ok(ctx, unit_children(ctx, new_di_an, &kids, &n));
	assert_int_equal(n, 3 + 2 + 6);
	/* the old wards keep their rows and their code; the old record still
	 * names where it was made */
	struct unit old;
	assert_ok(ctx, unit_get(ctx, an_binh, &old));
	assert_string_equal(old.status, "merged");
	assert_string_equal(old.code, "25960");
	assert_int_equal(old.merged_into, new_di_an);
	struct household h;
	assert_ok(ctx, household_get(ctx, before, &h));
	assert_int_equal(h.origin_unit_id, kp_an_binh[0]);
	assert_int_equal(h.ward_id, new_di_an);
	/* a breadcrumb through the new map */
	struct unit *crumbs;
	assert_ok(ctx, unit_ancestors(ctx, nb[0], &crumbs, &n));
	assert_int_equal(n, 3);
	assert_string_equal(crumbs[0].name, "Thành phố Hồ Chí Minh");
	assert_string_equal(crumbs[1].name, "Dĩ An");
	assert_string_equal(crumbs[2].name, "Đông Tác");
	/* the old code is free for the new ward now */
	assert_ok(ctx, db_run(ctx->db, &ctx->err, "UPDATE unit SET code = '25942' WHERE id = $1",
			      DB_I(new_di_an)));
	assert_counts_consistent(ctx);
	struct audit_report r;
	assert_ok(ctx, audit_verify(ctx->db, &r, &ctx->err));
	assert_int_equal(r.first_bad, 0);
	assert_true(r.rows > 40);
	test_ctx_free(ctx);
}

static void reorganizing_needs_the_right(void **state)
{
	(void)state;
	struct dv_ctx *ctx = test_ctx_new();
	struct test_tree t;
	test_tree_build(ctx, &t);
	ctx->actor = test_actor(ctx, ROLE_WARD_OFFICER, t.tdh, 0);
	assert_int_equal(unit_merge(ctx, t.chieu_lieu, t.dong_tac), DV_EPERM);
	assert_int_equal(unit_move(ctx, t.chieu_lieu, t.binh_an), DV_EPERM);
	int64_t id;
	assert_ok(ctx, unit_create(ctx, t.tdh, UNIT_NEIGHBORHOOD, "Đông Chiêu", NULL, &id));
	assert_int_equal(unit_create(ctx, t.binh_an, UNIT_NEIGHBORHOOD, "X", NULL, &id), DV_EPERM);
	assert_int_equal(unit_rename(ctx, t.binh_an, "Y"), DV_EPERM);
	ctx->actor = test_actor(ctx, ROLE_CITY_ADMIN, t.city, 0);
	assert_ok(ctx, unit_merge(ctx, t.chieu_lieu, t.dong_tac));
	assert_int_equal(unit_move(ctx, t.noi_hoa, t.other_ward), DV_EPERM); /* other province */
	test_ctx_free(ctx);
}

struct mover {
	struct db *db;
	int64_t unit, to;
	int rc;
};

static void *move_elsewhere(void *arg)
{
	struct mover *m = arg;
	struct arena a = ARENA_INIT;
	struct dv_ctx ctx;
	ctx_init(&ctx, m->db, &a, &actor_system);
	m->rc = unit_move(&ctx, m->unit, m->to);
	arena_release(&a);
	return NULL;
}

/* Writers are serialized on both engines: a move waits for a household being
 * added in the unit, then moves it along with its count. */
static void concurrent_writers_keep_counts_right(void **state)
{
	(void)state;
	struct dv_ctx *ctx = test_ctx_new();
	struct test_tree t;
	test_tree_build(ctx, &t);
	struct mover m = {.db = test_db_connect(ctx->db), .unit = t.chieu_lieu, .to = t.binh_an};
	assert_ok(ctx, ctx_begin(ctx));
	test_household(ctx, t.chieu_lieu, "1 Chiêu Liêu", 2);
	pthread_t th;
	pthread_create(&th, NULL, move_elsewhere, &m);
	usleep(300 * 1000); /* the move is waiting for our transaction */
	assert_ok(ctx, ctx_end(ctx, 0));
	pthread_join(th, NULL);
	assert_int_equal(m.rc, 0);
	assert_int_equal(count_of(ctx, t.binh_an, 0), 1);
	assert_int_equal(count_of(ctx, t.binh_an, 1), 2);
	assert_int_equal(count_of(ctx, t.tdh, 0), 0);
	assert_counts_consistent(ctx);
	db_close(m.db);
	test_ctx_free(ctx);
}

/* Two wards that numbered their households alike can merge. */
static void merging_wards_with_the_same_codes(void **state)
{
	(void)state;
	struct dv_ctx *ctx = test_ctx_new();
	struct test_tree t;
	test_tree_build(ctx, &t);
	int64_t a, b, found;
	assert_ok(ctx, household_create(ctx, &(struct household_input){.unit_id = t.dong_tac,
									 .code = "001",
									 .address = "Số 1"},
					&a));
	assert_ok(ctx, household_create(ctx, &(struct household_input){.unit_id = t.noi_hoa,
									 .code = "001",
									 .address = "Số 2"},
					&b));
	assert_ok(ctx, unit_merge(ctx, t.binh_an, t.tdh));
	struct household h;
	assert_ok(ctx, household_get(ctx, b, &h));
	assert_int_equal(h.ward_id, t.tdh);
	assert_string_equal(h.code, "001");
	assert_ok(ctx, household_find_code(ctx, t.tdh, "001", &found));
	assert_int_equal(found, a);
	/* but a new household may not take a code already used in the ward */
	int64_t c;
	assert_int_equal(household_create(ctx, &(struct household_input){.unit_id = t.noi_hoa,
									  .code = "001",
									  .address = "Số 3"},
					 &c),
			 DV_ECONFLICT);
	assert_string_equal(ctx->err.field, "code");
	assert_non_null(strstr(ctx->err.msg, "001"));
	test_ctx_free(ctx);
}

/* ------------------------------------------------------------ importing */

static int64_t rows_of(struct dv_ctx *ctx, const char *table)
{
	int64_t n = -1;
	const char *sql = strcmp(table, "unit") == 0	? "SELECT COUNT(*) FROM unit"
			  : strcmp(table, "audit") == 0 ? "SELECT COUNT(*) FROM audit"
							: "SELECT COUNT(*) FROM unit_event";
	assert_ok(ctx, db_int(ctx->db, &n, &ctx->err, sql));
	return n;
}

static int import_fixture(struct dv_ctx *ctx, const char *name, struct unit_import_report *rep)
{
	size_t len;
	char *data = test_fixture(name, &len);
	int rc = unit_import(ctx, data, len, 0, rep);
	free(data);
	return rc;
}

static int import_text(struct dv_ctx *ctx, const char *csv, struct unit_import_report *rep)
{
	return unit_import(ctx, csv, strlen(csv), 0, rep);
}

static struct unit by_code(struct dv_ctx *ctx, const char *code)
{
	struct unit u;
	assert_ok(ctx, unit_find_code(ctx, code, &u));
	return u;
}

/* The error reported on a line holds `part`. */
static void assert_line_error(const struct unit_import_report *rep, size_t line, const char *part)
{
	for (size_t i = 0; i < rep->nerrors && i < UNIT_IMPORT_MAX_ERRORS; i++)
		if (rep->errors[i].line == line && strstr(rep->errors[i].message, part))
			return;
	for (size_t i = 0; i < rep->nerrors && i < UNIT_IMPORT_MAX_ERRORS; i++)
		print_message("  line %zu: %s\n", rep->errors[i].line, rep->errors[i].message);
	fail_msg("no error on line %zu holding '%s'", line, part);
}

/* The 2023 list: province, district-level city, wards, the province last. */
static void import_loads_the_2023_list(void **state)
{
	(void)state;
	struct dv_ctx *ctx = test_ctx_new();
	struct unit_import_report rep;
	assert_ok(ctx, import_fixture(ctx, "units_2023.csv", &rep));
	assert_int_equal(rep.rows, 9);
	assert_int_equal(rep.created, 9);
	assert_int_equal(rep.unchanged, 0);
	struct unit *v;
	size_t n;
	assert_ok(ctx, unit_ancestors(ctx, by_code(ctx, "25948").id, &v, &n));
	assert_int_equal(n, 3);
	assert_string_equal(v[0].name, "Bình Dương");
	assert_string_equal(v[0].code, "74");
	assert_string_equal(v[1].name, "Dĩ An");
	assert_int_equal(v[1].kind, UNIT_CITY);
	assert_string_equal(v[2].name, "Tân Đông Hiệp");
	assert_ok(ctx, unit_children(ctx, by_code(ctx, "724").id, &v, &n));
	assert_int_equal(n, 7);
	assert_ok(ctx, unit_roots(ctx, &v, &n));
	assert_int_equal(n, 1);
	test_ctx_free(ctx);
}

/* The 2025 list: two levels, a city at the top, wards and communes. */
static void import_loads_the_2025_list(void **state)
{
	(void)state;
	struct dv_ctx *ctx = test_ctx_new();
	struct unit_import_report rep;
	assert_ok(ctx, import_fixture(ctx, "units_2025.csv", &rep));
	assert_int_equal(rep.created, 9);
	struct unit hcmc = by_code(ctx, "79");
	assert_int_equal(hcmc.kind, UNIT_CITY);
	assert_int_equal(hcmc.parent_id, 0);
	struct unit *v;
	size_t n;
	assert_ok(ctx, unit_children(ctx, hcmc.id, &v, &n));
	assert_int_equal(n, 8);
	size_t communes = 0;
	for (size_t i = 0; i < n; i++)
		communes += v[i].kind == UNIT_COMMUNE;
	assert_int_equal(communes, 2);
	assert_int_equal(by_code(ctx, "25942").parent_id, hcmc.id);
	test_ctx_free(ctx);
}

static void importing_twice_changes_nothing(void **state)
{
	(void)state;
	struct dv_ctx *ctx = test_ctx_new();
	struct unit_import_report rep;
	assert_ok(ctx, import_fixture(ctx, "units_2023.csv", &rep));
	int64_t units = rows_of(ctx, "unit"), audit = rows_of(ctx, "audit");
	assert_ok(ctx, import_fixture(ctx, "units_2023.csv", &rep));
	assert_int_equal(rep.created, 0);
	assert_int_equal(rep.unchanged, 9);
	assert_int_equal(rows_of(ctx, "unit"), units);
	assert_int_equal(rows_of(ctx, "audit"), audit); /* not even an audit row */
	/* a file that adds one unit to what is there adds just that one */
	assert_ok(ctx, import_text(ctx,
				   "code,name,kind,parent_code\n"
				   "25960,An Bình,ward,724\n"
				   "KP-AB-1,Khu phố 1,neighborhood,25960\n"
				   "25948,Tân Đông Hiệp,ward,724\n",
				   &rep));
	assert_int_equal(rep.created, 1);
	assert_int_equal(rep.unchanged, 2);
	assert_int_equal(rows_of(ctx, "unit"), units + 1);
	assert_int_equal(by_code(ctx, "KP-AB-1").parent_id, by_code(ctx, "25960").id);
	test_ctx_free(ctx);
}

static void bad_lines_are_named_and_nothing_is_written(void **state)
{
	(void)state;
	struct dv_ctx *ctx = test_ctx_new();
	struct unit_import_report rep;
	const char *csv = "code,name,kind,parent_code\n"		 /* 1 */
			  "74,Bình Dương,province,\n"			 /* 2: good */
			  "724,Dĩ An,district,74\n"			 /* 3 */
			  "25942,Dĩ An,ward,999\n"			 /* 4 */
			  "74,Bình Dương lần hai,province,\n"		 /* 5 */
			  "\n"						 /* 6: blank */
			  "25945,Tân Bình,ward,74\n"			 /* 7: good */
			  "25948,Tân Đông Hiệp,neighborhood,74\n"	 /* 8 */
			  "25951,B\xecnh An,ward,74\n"			 /* 9 */
			  "25954,Bình Thắng,ward\n"			 /* 10 */
			  "25957,,ward,74\n"				 /* 11 */
			  "ab c,Đông Hòa,ward,74\n"			 /* 12 */
			  ",An Bình,ward,74\n"				 /* 13 */
			  "\"25960\",\"An Bình\nmới\",ward,74\n"	 /* 14-15 */
			  "76,Đồng Nai,province,25945\n";		 /* 16 */
	assert_int_equal(import_text(ctx, csv, &rep), DV_EINVAL);
	assert_line_error(&rep, 3, "Unknown kind 'district'");
	assert_line_error(&rep, 4, "Unknown parent code 999");
	assert_line_error(&rep, 5, "already on line 2");
	assert_line_error(&rep, 8, "cannot be placed in a Province");
	assert_line_error(&rep, 9, "UTF-8");
	assert_line_error(&rep, 10, "Expected 4 columns");
	assert_line_error(&rep, 11, "(name)");
	assert_line_error(&rep, 12, "(code)");
	assert_line_error(&rep, 13, "needs its official code");
	assert_line_error(&rep, 16, "cannot be placed in a Ward");
	assert_line_error(&rep, 14, "one line"); /* a quoted line break, lines 14-15 */
	assert_int_equal(rep.nerrors, 11);
	for (size_t i = 1; i < rep.nerrors; i++) /* in line order */
		assert_true(rep.errors[i - 1].line <= rep.errors[i].line);
	assert_int_equal(rep.created, 0);
	assert_non_null(strstr(ctx->err.msg, "nothing was imported"));
	assert_int_equal(rows_of(ctx, "unit"), 0);
	assert_int_equal(rows_of(ctx, "audit"), 0);
	/* the file itself */
	assert_int_equal(import_text(ctx, "code;name;kind\n1;A;city\n", &rep), DV_EINVAL);
	assert_line_error(&rep, 1, "exactly code,name,kind,parent_code");
	assert_int_equal(import_text(ctx, "code,name,kind,parent_code\n", &rep), DV_EINVAL);
	assert_int_equal(import_text(ctx, "", &rep), DV_EINVAL);
	assert_int_equal(import_text(ctx, "\xff\xfe" "c\0o\0", &rep), DV_EINVAL);
	assert_line_error(&rep, 1, "UTF-16");
	assert_int_equal(rows_of(ctx, "unit"), 0);
	test_ctx_free(ctx);
}

/* All or nothing: one bad line at the end of a good file writes nothing. */
static void one_bad_line_and_nothing_is_imported(void **state)
{
	(void)state;
	struct dv_ctx *ctx = test_ctx_new();
	struct unit_import_report rep;
	size_t len;
	char *good = test_fixture("units_2023.csv", &len);
	char *bad = malloc(len + 64);
	memcpy(bad, good, len);
	strcpy(bad + len, "99999,Phường lạ,ward,12345\n");
	assert_int_equal(unit_import(ctx, bad, strlen(bad), 0, &rep), DV_EINVAL);
	assert_int_equal(rep.nerrors, 1);
	assert_line_error(&rep, 11, "Unknown parent code 12345");
	assert_int_equal(rows_of(ctx, "unit"), 0);
	free(good);
	free(bad);
	test_ctx_free(ctx);
}

static void a_unit_held_otherwise_names_the_command(void **state)
{
	(void)state;
	struct dv_ctx *ctx = test_ctx_new();
	struct unit_import_report rep;
	assert_ok(ctx, import_fixture(ctx, "units_2023.csv", &rep));
	int64_t units = rows_of(ctx, "unit");
	/* the 2025 list on top of the 2023 map: the wards are elsewhere */
	assert_int_equal(import_fixture(ctx, "units_2025.csv", &rep), DV_EINVAL);
	assert_line_error(&rep, 6, "danvan units move code:25942 code:79");
	assert_line_error(&rep, 7, "danvan units move code:25948 code:79");
	assert_int_equal(import_text(ctx,
				     "code,name,kind,parent_code\n"
				     "25942,Dĩ An mới,ward,724\n"
				     "25945,Tân Bình,commune,724\n",
				     &rep),
			 DV_EINVAL);
	assert_line_error(&rep, 2, "danvan units rename code:25942 NAME");
	assert_line_error(&rep, 3, "kind does not change");
	assert_int_equal(rows_of(ctx, "unit"), units);
	assert_string_equal(by_code(ctx, "25942").name, "Dĩ An");
	test_ctx_free(ctx);
}

static void loops_and_rights(void **state)
{
	(void)state;
	struct dv_ctx *ctx = test_ctx_new();
	struct test_tree t;
	struct unit_import_report rep;
	test_tree_build(ctx, &t);
	int64_t units = rows_of(ctx, "unit");
	assert_int_equal(import_text(ctx,
				     "code,name,kind,parent_code\n"
				     "C1,Một,city,C2\n"
				     "C2,Hai,city,C1\n",
				     &rep),
			 DV_EINVAL);
	assert_line_error(&rep, 2, "loop");
	assert_line_error(&rep, 3, "loop");
	/* a ward officer adds neighborhoods to its ward, nothing elsewhere */
	ctx->actor = test_actor(ctx, ROLE_WARD_OFFICER, t.tdh, 0);
	assert_int_equal(import_text(ctx,
				     "code,name,kind,parent_code\n"
				     "KP-TA,Tân An,neighborhood,25948\n"
				     "25999,Phường mới,ward,724\n"
				     "80,Long An,province,\n",
				     &rep),
			 DV_EINVAL);
	assert_int_equal(rep.nerrors, 2);
	assert_line_error(&rep, 3, "You may not add units there");
	assert_line_error(&rep, 4, "top of the tree");
	assert_int_equal(rows_of(ctx, "unit"), units);
	assert_ok(ctx, import_text(ctx,
				   "code,name,kind,parent_code\n"
				   "KP-TA-1,Tổ 1,residential_group,KP-TA\n"
				   "KP-TA,Tân An,neighborhood,25948\n",
				   &rep));
	assert_int_equal(rep.created, 2);
	assert_int_equal(by_code(ctx, "KP-TA").parent_id, t.tdh);
	test_ctx_free(ctx);
}

/* ------------------------------------------------------ effective dates */

static void effective_dates_are_checked(void **state)
{
	(void)state;
	struct dv_ctx *ctx = test_ctx_new();
	struct test_tree t;
	test_tree_build(ctx, &t);
	int32_t day;
	assert_ok(ctx, unit_effective_parse(ctx, "", &day));
	assert_int_equal(day, 0);
	assert_ok(ctx, unit_effective_parse(ctx, "01/07/2025", &day));
	assert_int_equal(day, 20250701);
	assert_int_equal(unit_effective_parse(ctx, "31/02/2025", &day), DV_EINVAL);
	assert_string_equal(ctx->err.field, "effective");
	assert_int_equal(unit_effective_parse(ctx, "next week", &day), DV_EINVAL);
	int32_t tomorrow = date_add_days(time_local_date(ctx->now), 1);
	int64_t events = rows_of(ctx, "unit_event");
	assert_int_equal(unit_rename_on(ctx, t.noi_hoa, "Nội Hóa", tomorrow), DV_EINVAL);
	assert_string_equal(ctx->err.field, "effective");
	assert_int_equal(unit_merge_on(ctx, t.chieu_lieu, t.dong_tac, 20250231), DV_EINVAL);
	assert_int_equal(unit_move_on(ctx, t.chieu_lieu, t.binh_an, tomorrow), DV_EINVAL);
	int64_t id;
	assert_int_equal(
		unit_create_on(ctx, t.tdh, UNIT_NEIGHBORHOOD, "Tân An", NULL, tomorrow, &id),
		DV_EINVAL);
	assert_int_equal(rows_of(ctx, "unit_event"), events); /* nothing happened */
	struct unit u;
	assert_ok(ctx, unit_get(ctx, t.noi_hoa, &u));
	assert_string_equal(u.name, "Nội Hóa 1");
	/* today, and a day in the past, are kept in the history */
	assert_ok(ctx, unit_rename_on(ctx, t.noi_hoa, "Nội Hóa", 20250701));
	int64_t on;
	assert_ok(ctx, db_int(ctx->db, &on, &ctx->err,
			      "SELECT effective_date FROM unit_event WHERE unit_id = $1 "
			      "AND kind = 'renamed'",
			      DB_I(t.noi_hoa)));
	assert_int_equal(on, 20250701);
	assert_ok(ctx, unit_move(ctx, t.chieu_lieu, t.binh_an));
	assert_ok(ctx, db_int(ctx->db, &on, &ctx->err,
			      "SELECT effective_date FROM unit_event WHERE unit_id = $1 "
			      "AND kind = 'moved'",
			      DB_I(t.chieu_lieu)));
	assert_int_equal(on, time_local_date(ctx->now));
	test_ctx_free(ctx);
}

static void add_and_merge_keep_to_the_shape(void **state)
{
	(void)state;
	struct dv_ctx *ctx = test_ctx_new();
	struct test_tree t;
	test_tree_build(ctx, &t);
	int64_t id, units = rows_of(ctx, "unit");
	assert_int_equal(unit_create_on(ctx, t.dong_tac, UNIT_WARD, "Phường", NULL, 0, &id),
			 DV_EINVAL);
	assert_string_equal(ctx->err.field, "kind");
	assert_int_equal(unit_create_on(ctx, t.city, UNIT_PROVINCE, "Tỉnh", NULL, 0, &id),
			 DV_EINVAL);
	assert_int_equal(rows_of(ctx, "unit"), units);
	/* merges stay within a level: a ward does not merge into a neighborhood */
	assert_int_equal(unit_merge(ctx, t.binh_an, t.dong_tac), DV_EINVAL);
	assert_non_null(strstr(ctx->err.msg, "cannot be merged into"));
	assert_int_equal(unit_merge(ctx, t.tdh, t.tdh), DV_EINVAL);	 /* itself */
	assert_int_equal(unit_merge(ctx, t.city, t.tdh), DV_EINVAL);	 /* its descendant */
	assert_int_equal(unit_merge(ctx, t.province, t.dong_tac), DV_EINVAL); /* deeper still */
	struct unit u;
	assert_ok(ctx, unit_get(ctx, t.city, &u));
	assert_string_equal(u.status, "active");
	/* a district-level city merges into its province: its wards move up */
	assert_ok(ctx, unit_merge_on(ctx, t.city, t.province, 20250701));
	assert_ok(ctx, unit_get(ctx, t.tdh, &u));
	assert_int_equal(u.parent_id, t.province);
	assert_counts_consistent(ctx);
	test_ctx_free(ctx);
}

/* ------------------------------------------------------------- splitting */

static void split_shares_units_and_households(void **state)
{
	(void)state;
	struct dv_ctx *ctx = test_ctx_new();
	struct test_tree t;
	test_tree_build(ctx, &t);
	int64_t nb3;
	assert_ok(ctx, unit_create(ctx, t.tdh, UNIT_NEIGHBORHOOD, "Tân Long", NULL, &nb3));
	int64_t h1 = test_household(ctx, t.dong_tac, "1 Đông Tác", 2);
	int64_t h2 = test_household(ctx, t.chieu_lieu, "2 Chiêu Liêu", 3);
	test_household(ctx, nb3, "3 Tân Long", 1);
	/* a ward into two: Đông Tác to the first, the rest to the second, which
	 * takes over the old ward's code */
	int64_t only_dt[] = {t.dong_tac}, ids[2];
	struct unit_part parts[] = {
		{.name = "Tân Đông Hiệp Bắc", .units = only_dt, .nunits = 1},
		{.name = "Tân Đông Hiệp Nam", .code = "25948", .rest = 1},
	};
	assert_ok(ctx, unit_split(ctx, t.tdh, parts, 2, 20250701, ids));
	struct unit old, north, south;
	assert_ok(ctx, unit_get(ctx, t.tdh, &old));
	assert_string_equal(old.status, "split");
	assert_int_equal(old.households, 0);
	assert_ok(ctx, unit_get(ctx, ids[0], &north));
	assert_ok(ctx, unit_get(ctx, ids[1], &south));
	assert_int_equal(north.parent_id, t.city);
	assert_int_equal(north.kind, UNIT_WARD);
	assert_int_equal(north.households, 1);
	assert_int_equal(south.households, 2);
	assert_int_equal(south.residents, 4);
	assert_string_equal(south.code, "25948");
	struct household h;
	assert_ok(ctx, household_get(ctx, h1, &h));
	assert_int_equal(h.ward_id, ids[0]);
	assert_ok(ctx, household_get(ctx, h2, &h));
	assert_int_equal(h.ward_id, ids[1]);
	int64_t w;
	assert_ok(ctx, db_int(ctx->db, &w, &ctx->err,
			      "SELECT COUNT(*) FROM resident WHERE ward_id = $1", DB_I(ids[1])));
	assert_int_equal(w, 4);
	/* the old ward points to both, each new one back to it */
	struct unit_link *l;
	size_t n;
	assert_ok(ctx, unit_successors(ctx, t.tdh, &l, &n));
	assert_int_equal(n, 2);
	assert_int_equal(l[0].unit.id, ids[0]);
	assert_string_equal(l[0].how, "split");
	assert_int_equal(l[0].effective, 20250701);
	assert_ok(ctx, unit_predecessors(ctx, ids[1], &l, &n));
	assert_int_equal(n, 1);
	assert_int_equal(l[0].unit.id, t.tdh);
	/* a neighborhood into two, its households as listed */
	int64_t h3 = test_household(ctx, t.dong_tac, "4 Đông Tác", 1);
	int64_t first[] = {h1}, nbs[2];
	struct unit_part halves[] = {
		{.name = "Đông Tác 1", .households = first, .nhouseholds = 1},
		{.name = "Đông Tác 2", .rest = 1},
	};
	assert_ok(ctx, unit_split(ctx, t.dong_tac, halves, 2, 0, nbs));
	assert_ok(ctx, household_get(ctx, h1, &h));
	assert_int_equal(h.unit_id, nbs[0]);
	assert_int_equal(h.origin_unit_id, t.dong_tac);
	assert_ok(ctx, household_get(ctx, h3, &h));
	assert_int_equal(h.unit_id, nbs[1]);
	/* what came before carries on: the new neighborhood knows the old ward */
	assert_ok(ctx, unit_predecessors(ctx, nbs[0], &l, &n));
	assert_int_equal(n, 1);
	assert_int_equal(l[0].unit.id, t.dong_tac);
	assert_counts_consistent(ctx);
	struct audit_report r;
	assert_ok(ctx, audit_verify(ctx->db, &r, &ctx->err));
	assert_int_equal(r.first_bad, 0);
	test_ctx_free(ctx);
}

static void split_refuses_a_wrong_plan(void **state)
{
	(void)state;
	struct dv_ctx *ctx = test_ctx_new();
	struct test_tree t;
	test_tree_build(ctx, &t);
	int64_t hh = test_household(ctx, t.dong_tac, "1 Đông Tác", 1);
	int64_t units = rows_of(ctx, "unit"), events = rows_of(ctx, "unit_event");
	int64_t dt[] = {t.dong_tac}, cl[] = {t.chieu_lieu}, both[] = {t.dong_tac, t.chieu_lieu};
	int64_t elsewhere[] = {t.noi_hoa}, hhs[] = {hh};
	struct unit_part one[] = {{.name = "A", .rest = 1}};
	assert_int_equal(unit_split(ctx, t.tdh, one, 1, 0, NULL), DV_EINVAL);
	struct unit_part unlisted[] = {{.name = "A", .units = dt, .nunits = 1}, {.name = "B"}};
	assert_int_equal(unit_split(ctx, t.tdh, unlisted, 2, 0, NULL), DV_EINVAL);
	assert_non_null(strstr(ctx->err.msg, "Chiêu Liêu"));
	struct unit_part twice[] = {{.name = "A", .units = both, .nunits = 2},
				    {.name = "B", .units = cl, .nunits = 1}};
	assert_int_equal(unit_split(ctx, t.tdh, twice, 2, 0, NULL), DV_EINVAL);
	assert_non_null(strstr(ctx->err.msg, "two new units"));
	struct unit_part foreign[] = {{.name = "A", .units = elsewhere, .nunits = 1},
				      {.name = "B", .rest = 1}};
	assert_int_equal(unit_split(ctx, t.tdh, foreign, 2, 0, NULL), DV_EINVAL);
	assert_string_equal(ctx->err.field, "parts");
	struct unit_part two_rests[] = {{.name = "A", .rest = 1}, {.name = "B", .rest = 1}};
	assert_int_equal(unit_split(ctx, t.tdh, two_rests, 2, 0, NULL), DV_EINVAL);
	struct unit_part same_name[] = {{.name = "A", .rest = 1}, {.name = " A "}};
	assert_int_equal(unit_split(ctx, t.tdh, same_name, 2, 0, NULL), DV_EINVAL);
	struct unit_part bad_name[] = {{.name = "A", .rest = 1}, {.name = "B\x01"}};
	assert_int_equal(unit_split(ctx, t.tdh, bad_name, 2, 0, NULL), DV_EINVAL);
	struct unit_part taken_code[] = {{.name = "A", .rest = 1}, {.name = "B", .code = "25951"}};
	assert_int_equal(unit_split(ctx, t.tdh, taken_code, 2, 0, NULL), DV_ECONFLICT);
	/* a household in a neighborhood below is not the ward's own */
	struct unit_part not_direct[] = {{.name = "A", .households = hhs, .nhouseholds = 1},
					 {.name = "B", .rest = 1}};
	assert_int_equal(unit_split(ctx, t.tdh, not_direct, 2, 0, NULL), DV_EINVAL);
	/* a ward officer may not split, even its own ward */
	ctx->actor = test_actor(ctx, ROLE_WARD_OFFICER, t.tdh, 0);
	struct unit_part good[] = {{.name = "A", .units = dt, .nunits = 1},
				   {.name = "B", .rest = 1}};
	assert_int_equal(unit_split(ctx, t.tdh, good, 2, 0, NULL), DV_EPERM);
	assert_int_equal(unit_split(ctx, t.dong_tac, good + 1, 1, 0, NULL), DV_EINVAL);
	ctx->actor = &actor_system;
	/* nothing of all that was written */
	assert_int_equal(rows_of(ctx, "unit"), units);
	assert_int_equal(rows_of(ctx, "unit_event"), events);
	struct unit u;
	assert_ok(ctx, unit_get(ctx, t.tdh, &u));
	assert_string_equal(u.status, "active");
	/* once split, a unit takes no change */
	assert_ok(ctx, unit_split(ctx, t.tdh, good, 2, 0, NULL));
	assert_int_equal(unit_split(ctx, t.tdh, good, 2, 0, NULL), DV_EINVAL);
	assert_int_equal(unit_rename(ctx, t.tdh, "Mới"), DV_EINVAL);
	assert_int_equal(unit_merge(ctx, t.tdh, t.binh_an), DV_EINVAL);
	test_ctx_free(ctx);
}

/* --------------------------------------------------------------- history */

static int64_t publish_notice(struct dv_ctx *ctx, int64_t unit, const char *title)
{
	struct notice_input in = {.unit_id = unit, .title = title, .body = "Nội dung."};
	int64_t id;
	assert_ok(ctx, db_int(ctx->db, &in.category_id, &ctx->err,
			      "SELECT id FROM notice_category WHERE code = 'plan'"));
	assert_ok(ctx, notice_create(ctx, &in, &id));
	assert_ok(ctx, notice_publish(ctx, id));
	return id;
}

static int listed(struct dv_ctx *ctx, int64_t unit, int64_t notice)
{
	struct notice_filter f = {.unit_id = unit, .status = NOTICE_PUBLISHED};
	struct notice *v;
	size_t n;
	int more;
	assert_ok(ctx, notice_list(ctx, &f, 0, 50, &v, &n, &more));
	for (size_t i = 0; i < n; i++)
		if (v[i].id == notice)
			return 1;
	return 0;
}

/* Records stay where they were made; the successors' lists carry them. */
static void history_after_merge_and_split(void **state)
{
	(void)state;
	struct dv_ctx *ctx = test_ctx_new();
	struct test_tree t;
	test_tree_build(ctx, &t);
	int64_t hh = test_household(ctx, t.noi_hoa, "5 Nội Hóa", 2);
	int64_t old_notice = publish_notice(ctx, t.binh_an, "Kế hoạch của phường Bình An");
	int64_t tdh_notice = publish_notice(ctx, t.tdh, "Kế hoạch của phường Tân Đông Hiệp");
	int64_t new_ward;
	assert_ok(ctx, unit_create_on(ctx, t.city, UNIT_WARD, "Dĩ An", NULL, 20250701, &new_ward));
	assert_false(listed(ctx, new_ward, old_notice));
	assert_ok(ctx, unit_merge_on(ctx, t.binh_an, new_ward, 20250701));
	/* the notice stays in Bình An; the new ward's list includes it */
	struct notice no;
	assert_ok(ctx, notice_get(ctx, old_notice, &no));
	assert_int_equal(no.unit_id, t.binh_an);
	assert_true(listed(ctx, new_ward, old_notice));
	assert_true(listed(ctx, t.binh_an, old_notice));
	assert_false(listed(ctx, new_ward, tdh_notice));
	/* the household followed, and its history says how */
	struct household h;
	assert_ok(ctx, household_get(ctx, hh, &h));
	assert_int_equal(h.ward_id, new_ward);
	assert_int_equal(h.unit_id, t.noi_hoa);
	/* its neighborhood split: the household's history has the move */
	int64_t parts_ids[2], mine[] = {hh};
	struct unit_part parts[] = {{.name = "Nội Hóa 1A", .households = mine, .nhouseholds = 1},
				    {.name = "Nội Hóa 1B"}};
	assert_ok(ctx, unit_split(ctx, t.noi_hoa, parts, 2, 20250801, parts_ids));
	struct household_event *ev;
	size_t n;
	assert_ok(ctx, household_history(ctx, hh, &ev, &n));
	assert_int_equal(n, 1);
	assert_int_equal(ev[0].from_unit_id, t.noi_hoa);
	assert_int_equal(ev[0].to_unit_id, parts_ids[0]);
	assert_string_equal(ev[0].reason, "split");
	assert_int_equal(ev[0].effective, 20250801);
	/* merged into a unit that is split later: the lineage runs through */
	int64_t halves[2];
	struct unit_part wards[] = {{.name = "Dĩ An Bắc", .rest = 1}, {.name = "Dĩ An Nam"}};
	assert_ok(ctx, unit_split(ctx, new_ward, wards, 2, 0, halves));
	struct unit_link *l;
	assert_ok(ctx, unit_predecessors(ctx, halves[1], &l, &n));
	assert_int_equal(n, 2);
	assert_int_equal(l[0].unit.id, t.binh_an);
	assert_false(l[0].direct);
	assert_string_equal(l[0].how, "merge");
	assert_int_equal(l[1].unit.id, new_ward);
	assert_true(l[1].direct);
	assert_true(listed(ctx, halves[1], old_notice));
	/* and a household seen by an officer of elsewhere stays unseen */
	ctx->actor = test_actor(ctx, ROLE_WARD_OFFICER, t.other_ward, 0);
	assert_int_equal(household_history(ctx, hh, &ev, &n), DV_ENOTFOUND);
	test_ctx_free(ctx);
}

/* ---------------------------------------------- deployment administrators */

static void a_deployment_admin_acts_everywhere(void **state)
{
	(void)state;
	struct dv_ctx *ctx = test_ctx_new();
	struct test_tree t;
	test_tree_build(ctx, &t);
	int64_t admin, plain;
	assert_ok(ctx, account_create(ctx, "it@ward.vn", "Cán bộ CNTT", "mat-khau-123", 0, &admin));
	assert_ok(ctx, account_create(ctx, "x@ward.vn", "Người khác", "mat-khau-123", 0, &plain));
	assert_ok(ctx, account_set_admin(ctx, admin, 1));
	struct actor a, p;
	assert_ok(ctx, actor_load(ctx, admin, &a));
	assert_ok(ctx, actor_load(ctx, plain, &p));
	assert_true(a.deployment_admin);
	assert_int_equal(a.ngrants, 2); /* city administrator of both provinces */
	assert_false(p.deployment_admin);
	/* someone else may not make itself one */
	ctx->actor = &p;
	assert_int_equal(account_set_admin(ctx, plain, 1), DV_EPERM);
	assert_int_equal(unit_create(ctx, 0, UNIT_PROVINCE, "Long An", "80", NULL), DV_EPERM);
	/* the administrator adds a top-level unit and works inside it at once */
	ctx->actor = &a;
	int64_t la, ward, nb;
	assert_ok(ctx, unit_create(ctx, 0, UNIT_PROVINCE, "Long An", "80", &la));
	assert_ok(ctx, unit_create(ctx, la, UNIT_WARD, "Phường 1", NULL, &ward));
	assert_ok(ctx, unit_create(ctx, ward, UNIT_NEIGHBORHOOD, "Khu phố 1", NULL, &nb));
	assert_true(perm_may(ctx, ACT_VIEW_HOUSEHOLDS, nb));
	assert_true(perm_may(ctx, ACT_REORGANIZE_UNITS, t.dong_tac));
	assert_false(perm_may(ctx, ACT_VOTE, t.dong_tac)); /* a city administrator's rights only */
	assert_ok(ctx, unit_merge(ctx, t.chieu_lieu, t.dong_tac));
	int64_t hid;
	struct household_input in = {.unit_id = nb, .address = "Số 1"};
	assert_ok(ctx, household_create(ctx, &in, &hid));
	test_ctx_free(ctx);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(kinds_and_shape),
		cmocka_unit_test(tree_queries),
		cmocka_unit_test(search_folds_vietnamese),
		cmocka_unit_test(create_refuses_bad_input),
		cmocka_unit_test(rename_keeps_history),
		cmocka_unit_test(move_carries_households_and_counts),
		cmocka_unit_test(merge_keeps_the_old_unit),
		cmocka_unit_test(reform_of_2025),
		cmocka_unit_test(reorganizing_needs_the_right),
		cmocka_unit_test(concurrent_writers_keep_counts_right),
		cmocka_unit_test(merging_wards_with_the_same_codes),
		cmocka_unit_test(import_loads_the_2023_list),
		cmocka_unit_test(import_loads_the_2025_list),
		cmocka_unit_test(importing_twice_changes_nothing),
		cmocka_unit_test(bad_lines_are_named_and_nothing_is_written),
		cmocka_unit_test(one_bad_line_and_nothing_is_imported),
		cmocka_unit_test(a_unit_held_otherwise_names_the_command),
		cmocka_unit_test(loops_and_rights),
		cmocka_unit_test(effective_dates_are_checked),
		cmocka_unit_test(add_and_merge_keep_to_the_shape),
		cmocka_unit_test(split_shares_units_and_households),
		cmocka_unit_test(split_refuses_a_wrong_plan),
		cmocka_unit_test(history_after_merge_and_split),
		cmocka_unit_test(a_deployment_admin_acts_everywhere),
		cmocka_unit_test(a_move_in_the_transaction_updates_the_remembered_commune),
	};
	return test_run(tests);
}
