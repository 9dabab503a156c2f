#include "testlib.h"

#include <string.h>

#include "base/date.h"
#include "domain/registry/household.h"
#include "domain/disclose/notice.h"
#include "domain/perm.h"
#include "domain/disclose/reach.h"
#include "domain/registry/unit.h"

static int64_t at(int32_t ymd)
{
	return time_local_midnight(ymd) + 10 * 3600;
}

/* A published ward notice of Tân Đông Hiệp, posted on 01/12/2026. */
static int64_t published(struct dv_ctx *ctx, int64_t unit)
{
	int64_t cat = 0, id = 0;
	assert_ok(ctx, db_int(ctx->db, &cat, &ctx->err,
			      "SELECT id FROM notice_category WHERE code = 'budget'"));
	struct notice_input in = {.unit_id = unit,
				  .category_id = cat,
				  .title = "Dự toán ngân sách",
				  .body = "Nội dung",
				  .visible_from = "01/12/2026"};
	assert_ok(ctx, notice_create(ctx, &in, &id));
	assert_ok(ctx, notice_publish(ctx, id));
	return id;
}

struct place {
	struct test_tree t;
	int64_t mine, dt2, dt3, cl1, other; /* households */
	int64_t notice;
};

static void place_build(struct dv_ctx *ctx, struct place *p)
{
	test_tree_build(ctx, &p->t);
	ctx->now = at(20261201);
	p->mine = test_household(ctx, p->t.dong_tac, "Số 1 Đông Tác", 2);
	p->dt2 = test_household(ctx, p->t.dong_tac, "Số 2 Đông Tác", 1);
	p->dt3 = test_household(ctx, p->t.dong_tac, "Số 3 Đông Tác", 1);
	p->cl1 = test_household(ctx, p->t.chieu_lieu, "Số 1 Chiêu Liêu", 1);
	p->other = test_household(ctx, p->t.noi_hoa, "Số 1 Nội Hóa", 1);
	p->notice = published(ctx, p->t.tdh);
	ctx->now = at(20261205);
}

static int64_t reached(struct dv_ctx *ctx, int64_t notice)
{
	struct notice n;
	assert_ok(ctx, notice_get(ctx, notice, &n));
	return n.reached;
}

static void a_representative_acknowledges_once(void **state)
{
	(void)state;
	struct dv_ctx *ctx = test_ctx_new();
	struct place p;
	int already = -1;
	place_build(ctx, &p);
	/* a member who is not the representative may not speak for the household */
	ctx->actor = test_actor(ctx, ROLE_RESIDENT, p.t.dong_tac, p.mine);
	assert_int_equal(reach_ack(ctx, p.notice, &already), DV_EPERM);
	ctx->actor = test_actor(ctx, ROLE_REPRESENTATIVE, p.t.dong_tac, p.mine);
	assert_ok(ctx, reach_ack(ctx, p.notice, &already));
	assert_false(already);
	assert_ok(ctx, reach_ack(ctx, p.notice, &already));
	assert_true(already);
	assert_int_equal(reached(ctx, p.notice), 1);
	enum reach_how how;
	int32_t on;
	assert_ok(ctx, reach_of_household(ctx, p.notice, p.mine, &how, &on));
	assert_int_equal(how, REACH_ONLINE);
	assert_int_equal(on, 20261205);
	assert_int_equal(reach_of_household(ctx, p.notice, p.dt2, &how, &on), DV_ENOTFOUND);
	/* a household outside the notice's ward */
	ctx->actor = test_actor(ctx, ROLE_REPRESENTATIVE, p.t.noi_hoa, p.other);
	assert_int_equal(reach_ack(ctx, p.notice, &already), DV_EINVAL);
	/* nobody's household */
	ctx->actor = test_actor(ctx, ROLE_WARD_OFFICER, p.t.tdh, 0);
	assert_int_equal(reach_ack(ctx, p.notice, &already), DV_EPERM);
	assert_int_equal(reached(ctx, p.notice), 1);
	test_ctx_free(ctx);
}

static void drafts_and_archived_notices_are_not_marked(void **state)
{
	(void)state;
	struct dv_ctx *ctx = test_ctx_new();
	struct place p;
	int already;
	place_build(ctx, &p);
	int64_t cat = 0, draft = 0;
	assert_ok(ctx, db_int(ctx->db, &cat, &ctx->err,
			      "SELECT id FROM notice_category WHERE code = 'fees'"));
	struct notice_input in = {
		.unit_id = p.t.tdh, .category_id = cat, .title = "Phí", .body = "Nội dung"};
	assert_ok(ctx, notice_create(ctx, &in, &draft));
	ctx->actor = test_actor(ctx, ROLE_REPRESENTATIVE, p.t.dong_tac, p.mine);
	assert_int_equal(reach_ack(ctx, draft, &already), DV_ENOTFOUND);
	ctx->actor = &actor_system;
	assert_ok(ctx, notice_publish(ctx, draft));
	ctx->now = at(20270110);
	assert_ok(ctx, notice_archive(ctx, p.notice));
	ctx->actor = test_actor(ctx, ROLE_REPRESENTATIVE, p.t.dong_tac, p.mine);
	assert_int_equal(reach_ack(ctx, p.notice, &already), DV_ECONFLICT);
	test_ctx_free(ctx);
}

static void a_head_records_households_on_paper(void **state)
{
	(void)state;
	struct dv_ctx *ctx = test_ctx_new();
	struct place p;
	size_t recorded = 99;
	place_build(ctx, &p);
	ctx->actor = test_actor(ctx, ROLE_HEAD, p.t.dong_tac, 0);
	int64_t both[] = {p.dt2, p.dt3};
	assert_ok(ctx, reach_record(ctx, p.notice, both, 2, REACH_PAPER, "03/12/2026", &recorded));
	assert_int_equal(recorded, 2);
	/* again: nothing new, the first record stays */
	int64_t again[] = {p.dt2, p.mine};
	assert_ok(ctx, reach_record(ctx, p.notice, again, 2, REACH_MEETING, NULL, &recorded));
	assert_int_equal(recorded, 1);
	enum reach_how how;
	int32_t on;
	assert_ok(ctx, reach_of_household(ctx, p.notice, p.dt2, &how, &on));
	assert_int_equal(how, REACH_PAPER);
	assert_int_equal(on, 20261203);
	assert_int_equal(reached(ctx, p.notice), 3);
	test_ctx_free(ctx);
}

static void one_bad_household_refuses_the_batch(void **state)
{
	(void)state;
	struct dv_ctx *ctx = test_ctx_new();
	struct place p;
	size_t recorded = 0;
	place_build(ctx, &p);
	ctx->actor = test_actor(ctx, ROLE_HEAD, p.t.dong_tac, 0);
	/* Chiêu Liêu is the ward's, but not this head's */
	int64_t beside[] = {p.dt2, p.cl1};
	assert_int_equal(reach_record(ctx, p.notice, beside, 2, REACH_PAPER, NULL, &recorded),
			 DV_ENOTFOUND);
	/* another ward's household, and one that does not exist */
	int64_t far[] = {p.dt2, p.other};
	assert_int_equal(reach_record(ctx, p.notice, far, 2, REACH_PAPER, NULL, &recorded),
			 DV_ENOTFOUND);
	int64_t none[] = {p.dt2, 987654};
	assert_int_equal(reach_record(ctx, p.notice, none, 2, REACH_PAPER, NULL, &recorded),
			 DV_ENOTFOUND);
	assert_int_equal(recorded, 0);
	/* the day: not before the posting began, not tomorrow */
	int64_t one[] = {p.dt2};
	assert_int_equal(reach_record(ctx, p.notice, one, 1, REACH_PAPER, "30/11/2026", &recorded),
			 DV_EINVAL);
	assert_int_equal(reach_record(ctx, p.notice, one, 1, REACH_PAPER, "06/12/2026", &recorded),
			 DV_EINVAL);
	assert_int_equal(reach_record(ctx, p.notice, one, 1, REACH_ONLINE, NULL, &recorded),
			 DV_EINVAL);
	assert_int_equal(reach_record(ctx, p.notice, one, 0, REACH_PAPER, NULL, &recorded),
			 DV_EINVAL);
	/* a resident records nothing */
	ctx->actor = test_actor(ctx, ROLE_REPRESENTATIVE, p.t.dong_tac, p.mine);
	assert_int_equal(reach_record(ctx, p.notice, one, 1, REACH_PAPER, NULL, &recorded),
			 DV_EPERM);
	ctx->actor = &actor_system;
	assert_int_equal(reached(ctx, p.notice), 0);
	int64_t rows = -1;
	assert_ok(ctx, db_int(ctx->db, &rows, &ctx->err, "SELECT COUNT(*) FROM notice_reach"));
	assert_int_equal(rows, 0);
	test_ctx_free(ctx);
}

static void reach_is_counted_per_neighborhood(void **state)
{
	(void)state;
	struct dv_ctx *ctx = test_ctx_new();
	struct place p;
	size_t recorded;
	place_build(ctx, &p);
	int64_t v[] = {p.mine, p.dt2, p.cl1};
	assert_ok(ctx, reach_record(ctx, p.notice, v, 3, REACH_MEETING, NULL, &recorded));
	struct reach_unit *u;
	size_t n;
	int64_t households, total;
	ctx->actor = &actor_anonymous; /* aggregates are public */
	assert_ok(ctx, reach_by_unit(ctx, p.notice, &u, &n, &households, &total));
	assert_int_equal(households, 4);
	assert_int_equal(total, 3);
	assert_int_equal(n, 2);
	int64_t dt = -1, cl = -1;
	for (size_t i = 0; i < n; i++) {
		if (u[i].unit_id == p.t.dong_tac)
			dt = u[i].reached, assert_int_equal(u[i].households, 3);
		if (u[i].unit_id == p.t.chieu_lieu)
			cl = u[i].reached, assert_int_equal(u[i].households, 1);
	}
	assert_int_equal(dt, 2);
	assert_int_equal(cl, 1);
	/* the unit home: reach within the unit */
	struct reach_recent *rr;
	assert_ok(ctx, reach_recent(ctx, p.t.dong_tac, 5, &rr, &n));
	assert_int_equal(n, 1);
	assert_int_equal(rr[0].households, 3);
	assert_int_equal(rr[0].reached, 2);
	assert_ok(ctx, reach_recent(ctx, p.t.noi_hoa, 5, &rr, &n));
	assert_int_equal(n, 0);
	test_ctx_free(ctx);
}

static void a_head_sees_whom_to_visit(void **state)
{
	(void)state;
	struct dv_ctx *ctx = test_ctx_new();
	struct place p;
	size_t recorded, n;
	int more;
	struct reach_household *v;
	place_build(ctx, &p);
	int64_t one[] = {p.dt2};
	assert_ok(ctx, reach_record(ctx, p.notice, one, 1, REACH_PAPER, NULL, &recorded));
	ctx->actor = test_actor(ctx, ROLE_HEAD, p.t.dong_tac, 0);
	assert_ok(ctx, reach_missing(ctx, p.notice, p.t.dong_tac, 0, 50, &v, &n, &more));
	assert_int_equal(n, 2);
	assert_string_equal(v[0].address, "Số 1 Đông Tác");
	assert_true(*v[0].representative);
	assert_false(more);
	assert_ok(ctx, reach_missing(ctx, p.notice, p.t.dong_tac, 0, 1, &v, &n, &more));
	assert_int_equal(n, 1);
	assert_true(more);
	/* the whole ward is not the head's; nor is another neighborhood */
	assert_int_equal(reach_missing(ctx, p.notice, 0, 0, 50, &v, &n, &more), DV_EPERM);
	assert_int_equal(reach_missing(ctx, p.notice, p.t.chieu_lieu, 0, 50, &v, &n, &more),
			 DV_EPERM);
	assert_int_equal(reach_missing(ctx, p.notice, p.t.noi_hoa, 0, 50, &v, &n, &more),
			 DV_EINVAL);
	/* the ward officer sees the whole ward */
	ctx->actor = test_actor(ctx, ROLE_WARD_OFFICER, p.t.tdh, 0);
	assert_ok(ctx, reach_missing(ctx, p.notice, 0, 0, 50, &v, &n, &more));
	assert_int_equal(n, 3);
	test_ctx_free(ctx);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(a_representative_acknowledges_once),
		cmocka_unit_test(drafts_and_archived_notices_are_not_marked),
		cmocka_unit_test(a_head_records_households_on_paper),
		cmocka_unit_test(one_bad_household_refuses_the_batch),
		cmocka_unit_test(reach_is_counted_per_neighborhood),
		cmocka_unit_test(a_head_sees_whom_to_visit),
	};
	return test_run(tests);
}
