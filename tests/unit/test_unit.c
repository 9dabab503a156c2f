#include "testlib.h"

#include <pthread.h>
#include <string.h>
#include <unistd.h>

#include "domain/registry/household.h"
#include "domain/perm.h"
#include "domain/registry/resident.h"
#include "domain/registry/unit.h"
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
	};
	return test_run(tests);
}
