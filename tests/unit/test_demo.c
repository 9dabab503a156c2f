#include "testlib.h"

#include <string.h>

#include "base/buf.h"
#include "base/token.h"
#include "domain/identity/account.h"
#include "domain/awards/decision.h"
#include "domain/demo/demo.h"
#include "domain/emulation/model.h"
#include "domain/titles/title.h"
#include "domain/disclose/notice.h"
#include "domain/registry/household.h"
#include "domain/perm.h"
#include "domain/registry/unit.h"
#include "domain/works/board.h"
#include "domain/works/ledger.h"
#include "domain/works/share.h"
#include "domain/works/work.h"
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

static struct unit child_named(struct dv_ctx *ctx, int64_t parent, const char *name)
{
	struct unit *v;
	size_t n;
	assert_ok(ctx, unit_children(ctx, parent, &v, &n));
	for (size_t i = 0; i < n; i++)
		if (strcmp(v[i].name, name) == 0)
			return v[i];
	fail_msg("no unit %s", name);
	return v[0];
}

/* --as-of 2025-07-01: the 2023 city, then the reform of that day. */
static void as_of_the_reform_of_2025(void **state)
{
	(void)state;
	struct demo_result r;
	struct dv_ctx *ctx = test_ctx_new();
	struct demo_options opt = {.households = 300, .seed = 1, .as_of = 20250701};
	assert_ok(ctx, demo_generate(ctx, &opt, &r));
	/* one top-level unit: Hồ Chí Minh City, with every household */
	struct unit *roots, u;
	size_t n;
	assert_ok(ctx, unit_roots(ctx, &roots, &n));
	assert_int_equal(n, 1);
	assert_string_equal(roots[0].code, "79");
	assert_int_equal(roots[0].households, 300);
	/* no district level: the city merged into the province, the province
	 * into Hồ Chí Minh City, the wards directly under it */
	assert_int_equal(unit_find_code(ctx, "724", &u), DV_ENOTFOUND);
	assert_ok(ctx, unit_get(ctx, r.city_id, &u));
	assert_string_equal(u.status, "merged");
	struct unit_link *l;
	assert_ok(ctx, unit_successors(ctx, r.city_id, &l, &n));
	assert_int_equal(n, 1);
	assert_string_equal(l[0].unit.name, "Bình Dương");
	assert_int_equal(l[0].effective, 20250701);
	struct unit tdh;
	assert_ok(ctx, unit_find_code(ctx, "25948", &tdh));
	assert_int_equal(tdh.parent_id, roots[0].id);
	/* the new ward Dĩ An: the old Dĩ An and An Bình wards, six of Tân Đông
	 * Hiệp's neighborhoods; Tân An stays */
	struct unit di_an = child_named(ctx, roots[0].id, "Dĩ An");
	struct unit *kids;
	assert_ok(ctx, unit_children(ctx, di_an.id, &kids, &n));
	assert_int_equal(n, 9 + 7 + 6);
	child_named(ctx, di_an.id, "Đông Tác");
	child_named(ctx, di_an.id, "Khu phố 16"); /* An Bình's 7th, renumbered */
	assert_ok(ctx, unit_children(ctx, tdh.id, &kids, &n));
	assert_int_equal(n, 1);
	assert_string_equal(kids[0].name, "Tân An");
	assert_ok(ctx, unit_predecessors(ctx, di_an.id, &l, &n));
	assert_int_equal(n, 2);
	assert_string_equal(l[0].unit.code, "25942");
	assert_string_equal(l[1].unit.code, "25960");
	/* households follow: resident@demo's is in the new ward now */
	struct household h;
	assert_ok(ctx, household_get(ctx, r.household_id, &h));
	assert_int_equal(h.ward_id, di_an.id);
	assert_int_equal(h.unit_id, r.neighborhood_id);
	/* An Bình's notice stays An Bình's, and the new ward lists it */
	int64_t an_binh, notice;
	assert_ok(ctx, db_int(ctx->db, &an_binh, &ctx->err,
			      "SELECT id FROM unit WHERE code = '25960'"));
	assert_ok(ctx, db_int(ctx->db, &notice, &ctx->err,
			      "SELECT id FROM notice WHERE unit_id = $1", DB_I(an_binh)));
	struct notice_filter f = {.unit_id = di_an.id, .status = NOTICE_PUBLISHED};
	struct notice *v;
	int more, found = 0;
	assert_ok(ctx, notice_list(ctx, &f, 0, 50, &v, &n, &more));
	for (size_t i = 0; i < n; i++)
		found += v[i].id == notice;
	assert_int_equal(found, 1);
	/* the demo's city administrator serves the new city */
	int64_t id;
	struct actor a;
	assert_ok(ctx, account_authenticate(ctx, "admin@demo", DEMO_PASSWORD, &id));
	assert_ok(ctx, actor_load(ctx, id, &a));
	ctx->actor = &a;
	assert_true(perm_may(ctx, ACT_REORGANIZE_UNITS, di_an.id));
	ctx->actor = &actor_system;
	int64_t h1, h2;
	assert_ok(ctx, db_int(ctx->db, &h1, &ctx->err, "SELECT SUM(households * id) FROM unit"));
	assert_ok(ctx, unit_recount(ctx));
	assert_ok(ctx, db_int(ctx->db, &h2, &ctx->err, "SELECT SUM(households * id) FROM unit"));
	assert_int_equal(h1, h2);
	struct audit_report rep;
	assert_ok(ctx, audit_verify(ctx->db, &rep, &ctx->err));
	assert_int_equal(rep.first_bad, 0);
	test_ctx_free(ctx);
}

/* Emulation, titles and commendation: the 2022 round of the founding
 * document, the models of the seven wards, a year of Gia đình văn hóa. */
static void the_commendation_of_2022(void **state)
{
	(void)state;
	struct demo_result r;
	struct dv_ctx *ctx = make_demo(300, 3, &r);
	struct award_decision *d;
	struct award *v;
	size_t n, k;
	ctx->actor = &actor_anonymous;
	assert_ok(ctx, award_decision_list(ctx, r.city_id, 10, &d, &n));
	assert_int_equal(n, 1);
	assert_string_equal(d[0].number, "389/QĐ-UBND");
	assert_int_equal(d[0].signed_on, 20230210);
	assert_ok(ctx, award_list(ctx, d[0].id, &v, &n));
	/* 11 + 11 collectives first, then 21 + 11 people, each verifiable */
	int64_t people = 0;
	for (k = 0; k < n; k++)
		people += v[k].subject.kind == SUBJ_INDIVIDUAL;
	assert_int_equal(n, 54);
	assert_int_equal(people, 32);
	assert_int_equal(v[0].subject.kind, SUBJ_ORGANIZATION);
	assert_string_equal(v[0].subject.name, "Ban Dân vận Đảng ủy phường Dĩ An");
	struct award a;
	assert_ok(ctx, award_verify(ctx, v[53].code, &a));
	/* the models: 131 registered, 86 effective in 2022, a few replicated */
	struct model_figures by[FIELD_COUNT], all;
	assert_ok(ctx, model_figures(ctx, r.city_id, 2022, by, &all));
	assert_int_equal(all.registered, 131);
	assert_int_equal(all.effective, 86);
	assert_int_equal(all.replicated, 12);
	/* a year of titles in Tân Đông Hiệp, published, resident@demo's
	 * household among those awarded */
	struct title_round *tr;
	assert_ok(ctx, title_round_list(ctx, r.ward_id, &tr, &n));
	assert_int_equal(n, 1);
	assert_int_equal(tr[0].status, TR_PUBLISHED);
	assert_false(tr[0].late);
	assert_true(tr[0].awarded > 0);
	ctx->actor = &actor_system;
	struct title_held *th;
	int consecutive;
	assert_ok(ctx, title_household(ctx, r.household_id, &th, &n, &consecutive));
	assert_int_equal(n, 1);
	assert_int_equal(consecutive, 1);
	struct audit_report rep;
	assert_ok(ctx, audit_verify(ctx->db, &rep, &ctx->err));
	assert_int_equal(rep.first_bad, 0);
	test_ctx_free(ctx);
}

/* Before the reform's day, --as-of changes nothing. */
static void as_of_before_the_reform_is_the_2023_city(void **state)
{
	(void)state;
	struct demo_result r1, r2;
	char d1[HASH_HEX_LEN + 1], d2[HASH_HEX_LEN + 1];
	struct dv_ctx *a = make_demo(100, 4, &r1);
	digest(a, d1);
	int64_t units1;
	assert_ok(a, db_int(a->db, &units1, &a->err, "SELECT COUNT(*) FROM unit"));
	test_ctx_free(a);
	struct dv_ctx *b = test_ctx_new();
	struct demo_options opt = {.households = 100, .seed = 4, .as_of = 20250630};
	assert_ok(b, demo_generate(b, &opt, &r2));
	digest(b, d2);
	int64_t units2, lineage;
	assert_ok(b, db_int(b->db, &units2, &b->err, "SELECT COUNT(*) FROM unit"));
	assert_ok(b, db_int(b->db, &lineage, &b->err, "SELECT COUNT(*) FROM unit_lineage"));
	test_ctx_free(b);
	assert_string_equal(d1, d2);
	assert_int_equal(units1, units2);
	assert_int_equal(lineage, 0);
}

/* The works of Đông Tác: the finished alley as the real one, settled with
 * its board, resident@demo's household among those who paid; hẻm 15
 * collecting, about half paid; drains waiting for their decision. */
static void the_works_of_dong_tac(void **state)
{
	(void)state;
	struct demo_result r;
	struct dv_ctx *ctx = make_demo(3000, 3, &r);
	struct work *v;
	size_t n;
	int more;
	struct work_filter f = {.unit_id = r.neighborhood_id, .status = -1};
	ctx->actor = &actor_anonymous;
	assert_ok(ctx, work_list(ctx, &f, 0, 10, &v, &n, &more));
	assert_int_equal(n, 3);
	const struct work *done = NULL, *collecting = NULL, *planned = NULL;
	for (size_t i = 0; i < n; i++) {
		if (v[i].status == WS_SETTLED)
			done = &v[i];
		if (v[i].status == WS_COLLECTING)
			collecting = &v[i];
		if (v[i].status == WS_PLANNED)
			planned = &v[i];
	}
	assert_non_null(done);
	assert_non_null(collecting);
	assert_non_null(planned);
	assert_int_equal(done->money.in, 250000000);
	assert_int_equal(done->money.by_source[FUND_HOUSEHOLDS], 106500000);
	assert_int_equal(done->money.by_source[FUND_AGENCIES] + done->money.by_source[FUND_BUSINESSES],
			 143500000);
	assert_int_equal(done->money.balance, 0);
	assert_true(done->quantities[OUT_LIGHTS] > 0 && done->quantities[OUT_CAMERAS] > 0);
	assert_true(done->settlement_notice_id > 0 && done->plan_notice_id > 0);
	struct board_member *m;
	size_t nm;
	int dissolved;
	assert_ok(ctx, board_list(ctx, done->id, &m, &nm, &dissolved));
	assert_int_equal(nm, 5);
	assert_false(dissolved);
	struct entry *e;
	size_t ne;
	struct entry_filter mine = {.kind = EK_CONTRIBUTION, .household_id = r.household_id};
	assert_ok(ctx, entry_list(ctx, done->id, &mine, 0, 10, &e, &ne, &more));
	assert_int_equal(ne, 1);
	/* about half of the households paid into hẻm 15 */
	struct share_counts c;
	assert_ok(ctx, share_counts(ctx, collecting, &c));
	assert_true(c.paid * 10 >= c.households * 4 && c.paid * 10 <= c.households * 6);
	assert_true(c.exempt > 0);
	const char *why;
	assert_true(work_decision_passed(ctx, collecting, &why));
	assert_false(work_decision_passed(ctx, planned, &why));
	assert_true(planned->matter_id > 0);
	struct ledger_report lr;
	assert_ok(ctx, ledger_verify(ctx, &lr));
	assert_int_equal(lr.work_id, 0);
	assert_int_equal(lr.works, 3);
	test_ctx_free(ctx);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(same_seed_same_city),
		cmocka_unit_test(the_map_of_di_an),
		cmocka_unit_test(one_account_per_role),
		cmocka_unit_test(refuses_a_second_run_and_bad_sizes),
		cmocka_unit_test(as_of_the_reform_of_2025),
		cmocka_unit_test(the_commendation_of_2022),
		cmocka_unit_test(as_of_before_the_reform_is_the_2023_city),
		cmocka_unit_test(the_works_of_dong_tac),
	};
	return test_run(tests);
}
