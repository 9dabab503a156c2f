#include "testlib.h"

#include <string.h>

#include "base/buf.h"
#include "base/token.h"
#include "domain/identity/account.h"
#include "domain/demo/demo.h"
#include "domain/registry/household.h"
#include "domain/perm.h"
#include "domain/registry/unit.h"
#include "store/audit.h"

/* A digest of every resident, in id order: equal digests, equal data. */
static void digest(struct dv_ctx *ctx, char out[HASH_HEX_LEN + 1])
{
	struct db_stmt *st = NULL;
	struct buf b = BUF_INIT;
	assert_ok(ctx, db_query(ctx->db, &st, &ctx->err,
				"SELECT r.full_name, r.birth_date, r.gender, r.relation, r.phone, "
				"r.national_id, h.address, h.code FROM resident r JOIN household h "
				"ON h.id = r.household_id ORDER BY r.id"));
	int rc;
	while ((rc = db_step(st, &ctx->err)) == DB_ROW)
		for (int i = 0; i < 8; i++) {
			buf_adds(&b, db_col_text(st, i));
			buf_addch(&b, '|');
		}
	assert_int_equal(rc, DB_DONE);
	hash_hex(out, b.ptr, b.len);
	buf_release(&b);
}

static struct dv_ctx *make_demo(int64_t households, uint64_t seed, struct demo_result *r)
{
	struct dv_ctx *ctx = test_ctx_new();
	struct demo_options opt = {.households = households, .seed = seed};
	assert_ok(ctx, demo_generate(ctx, &opt, r));
	return ctx;
}

static void same_seed_same_city(void **state)
{
	(void)state;
	struct demo_result r1, r2, r3;
	char d1[HASH_HEX_LEN + 1], d2[HASH_HEX_LEN + 1], d3[HASH_HEX_LEN + 1];
	struct dv_ctx *a = make_demo(300, 7, &r1);
	digest(a, d1);
	test_ctx_free(a);
	struct dv_ctx *b = make_demo(300, 7, &r2);
	digest(b, d2);
	test_ctx_free(b);
	struct dv_ctx *c = make_demo(300, 8, &r3);
	digest(c, d3);
	test_ctx_free(c);
	assert_string_equal(d1, d2);
	assert_string_not_equal(d1, d3);
	assert_int_equal(r1.residents, r2.residents);
}

static void the_map_of_di_an(void **state)
{
	(void)state;
	struct demo_result r;
	struct dv_ctx *ctx = make_demo(500, 1, &r);
	assert_int_equal(r.households, 500);
	struct unit u, *kids;
	size_t n;
	assert_ok(ctx, unit_get(ctx, r.city_id, &u));
	assert_string_equal(u.name, "Dĩ An");
	assert_string_equal(u.code, "724");
	assert_int_equal(u.households, 500);
	assert_int_equal(u.residents, r.residents);
	assert_ok(ctx, unit_children(ctx, r.city_id, &kids, &n));
	assert_int_equal(n, 7);
	const char *codes[] = {"25942", "25945", "25948", "25951", "25954", "25957", "25960"};
	for (size_t i = 0; i < n; i++)
		assert_string_equal(kids[i].code, codes[i]);
	assert_ok(ctx, unit_find_code(ctx, "25948", &u));
	assert_string_equal(u.name, "Tân Đông Hiệp");
	assert_ok(ctx, unit_children(ctx, u.id, &kids, &n));
	assert_int_equal(n, 7);
	assert_string_equal(kids[0].name, "Đông Tác");
	assert_string_equal(kids[6].name, "Tân An");
	assert_int_equal(kids[0].id, r.neighborhood_id);
	/* residents average between 2 and 5 per household; 10% to 60% of the
	 * sample share the family name Nguyễn */
	assert_true(r.residents > 2 * r.households && r.residents < 5 * r.households);
	int64_t nguyen;
	assert_ok(ctx, db_int(ctx->db, &nguyen, &ctx->err,
			      "SELECT COUNT(*) FROM resident WHERE name_folded LIKE 'nguyen %'"));
	assert_true(nguyen * 10 > r.residents && nguyen * 10 < r.residents * 6);
	/* every household has its head as representative */
	int64_t without;
	assert_ok(ctx, db_int(ctx->db, &without, &ctx->err,
			      "SELECT COUNT(*) FROM household WHERE representative_id IS NULL"));
	assert_int_equal(without, 0);
	struct audit_report rep;
	assert_ok(ctx, audit_verify(ctx->db, &rep, &ctx->err));
	assert_int_equal(rep.first_bad, 0);
	test_ctx_free(ctx);
}

static void one_account_per_role(void **state)
{
	(void)state;
	struct demo_result r;
	struct dv_ctx *ctx = make_demo(50, 3, &r);
	assert_int_equal(r.naccounts, DEMO_ACCOUNTS);
	const char *logins[] = {"admin@demo", "ward@demo", "head@demo", "front@demo",
				"resident@demo"};
	const int roles[] = {ROLE_CITY_ADMIN, ROLE_WARD_OFFICER, ROLE_HEAD, ROLE_FRONT,
			     ROLE_REPRESENTATIVE};
	int seen[ROLE_COUNT] = {0};
	for (size_t i = 0; i < r.naccounts; i++) {
		enum role role;
		assert_int_equal(role_parse(r.accounts[i].role, &role, NULL), 0);
		seen[role]++;
	}
	for (int i = 0; i < ROLE_COUNT; i++)
		assert_int_equal(seen[i], 1);
	for (int i = 0; i < 5; i++) {
		int64_t id;
		struct actor a;
		assert_ok(ctx, account_authenticate(ctx, logins[i], DEMO_PASSWORD, &id));
		assert_ok(ctx, actor_load(ctx, id, &a));
		assert_int_equal(a.ngrants, 1);
		assert_int_equal(a.grants[0].role, roles[i]);
	}
	/* the resident's household is in the demo neighborhood, and is its own */
	struct account acc;
	assert_ok(ctx, account_find(ctx, "resident@demo", &acc));
	assert_int_equal(acc.household_id, r.household_id);
	struct household h;
	assert_ok(ctx, household_get(ctx, r.household_id, &h));
	assert_int_equal(h.unit_id, r.neighborhood_id);
	/* the ward officer's grant is on Tân Đông Hiệp, the head's on Đông Tác */
	struct actor ward;
	int64_t wid;
	assert_ok(ctx, account_authenticate(ctx, "ward@demo", DEMO_PASSWORD, &wid));
	assert_ok(ctx, actor_load(ctx, wid, &ward));
	assert_int_equal(ward.grants[0].unit_id, r.ward_id);
	test_ctx_free(ctx);
}

static void refuses_a_second_run_and_bad_sizes(void **state)
{
	(void)state;
	struct demo_result r;
	struct dv_ctx *ctx = make_demo(20, 1, &r);
	struct demo_options opt = {.households = 20, .seed = 1};
	assert_int_equal(demo_generate(ctx, &opt, &r), DV_ECONFLICT);
	opt.households = 0;
	assert_int_equal(demo_generate(ctx, &opt, &r), DV_EINVAL);
	opt.households = DEMO_HOUSEHOLDS_MAX + 1;
	assert_int_equal(demo_generate(ctx, &opt, &r), DV_EINVAL);
	int64_t n;
	assert_ok(ctx, db_int(ctx->db, &n, &ctx->err, "SELECT COUNT(*) FROM household"));
	assert_int_equal(n, 20);
	test_ctx_free(ctx);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(same_seed_same_city),
		cmocka_unit_test(the_map_of_di_an),
		cmocka_unit_test(one_account_per_role),
		cmocka_unit_test(refuses_a_second_run_and_bad_sizes),
	};
	return test_run(tests);
}
