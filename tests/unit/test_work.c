/*
 * Works (domain/works/work.h): the decision gate, planning and its checks,
 * the life cycle with its notices, cancelling, lists and the totals the
 * city reads.
 */
#include "works_fixture.h"

#include "domain/disclose/notice.h"
#include "domain/works/share.h"
#include "domain/works/works_stats.h"

static void a_work_collects_only_after_its_decision_passed(void **state)
{
	(void)state;
	struct dv_ctx *ctx = test_ctx_new();
	struct wfx f;
	wfx_build(ctx, &f);
	int64_t id = wfx_plan(ctx, &f);
	struct entry_input give = {
		.kind = "contribution", .household_id = f.hh[0], .amount = "1.500.000"};
	/* no decision linked */
	ctx->actor = f.head;
	assert_int_equal(work_start_collecting(ctx, id), DV_ECONFLICT);
	assert_non_null(strstr(ctx->err.msg, "No decision"));
	assert_int_equal(wfx_entry(ctx, f.head, id, &give, NULL), DV_ECONFLICT);
	/* linked to a matter still being voted on */
	struct matter_input in = {.unit_id = f.t.dong_tac,
				  .type = MT_CONTRIBUTIONS,
				  .form = "ballot",
				  .title = "Đèn hẻm 5",
				  .body = "Mỗi hộ 300.000 ₫"};
	int64_t open = 0;
	assert_ok(ctx, matter_create(ctx, &in, &open));
	assert_ok(ctx, matter_open(ctx, open, ctx->now + 7 * 86400));
	assert_ok(ctx, work_set_decision(ctx, id, open, "per_household", "300.000"));
	assert_int_equal(work_start_collecting(ctx, id), DV_ECONFLICT);
	assert_non_null(strstr(ctx->err.msg, "has not decided yet"));
	/* one that failed: five households of ten is not more than half */
	int64_t failed = wfx_decide(ctx, &f, 5);
	ctx->actor = f.head;
	assert_ok(ctx, work_set_decision(ctx, id, failed, "per_household", "300.000"));
	assert_int_equal(work_start_collecting(ctx, id), DV_ECONFLICT);
	assert_non_null(strstr(ctx->err.msg, "did not pass"));
	struct work w = wfx_get(ctx, id);
	const char *why = NULL;
	assert_false(work_decision_passed(ctx, &w, &why));
	assert_int_equal(w.status, WS_PLANNED);
	/* six of ten passed it */
	ctx->actor = f.head;
	assert_ok(ctx, work_set_decision(ctx, id, f.decision, "per_household", "1.500.000"));
	w = wfx_get(ctx, id);
	assert_true(work_decision_passed(ctx, &w, &why));
	ctx->actor = f.head;
	assert_ok(ctx, work_start_collecting(ctx, id));
	assert_ok(ctx, wfx_entry(ctx, f.head, id, &give, NULL));
	w = wfx_get(ctx, id);
	assert_int_equal(w.status, WS_COLLECTING);
	assert_int_equal(w.money.contributions, 1500000);
	/* the decision no longer changes */
	ctx->actor = f.head;
	assert_int_equal(work_set_decision(ctx, id, failed, "voluntary", ""), DV_ECONFLICT);
	test_ctx_free(ctx);
}

static void the_decision_is_a_matter_of_contributions_of_the_community(void **state)
{
	(void)state;
	struct dv_ctx *ctx = test_ctx_new();
	struct wfx f;
	wfx_build(ctx, &f);
	int64_t id = wfx_plan(ctx, &f);
	ctx->actor = f.head;
	assert_int_equal(work_set_decision(ctx, id, f.election, "voluntary", ""), DV_EINVAL);
	assert_string_equal(ctx->err.field, "matter");
	assert_int_equal(work_set_decision(ctx, id, 999999, "voluntary", ""), DV_EINVAL);
	assert_int_equal(work_set_decision(ctx, id, f.decision, "per_household", ""), DV_EINVAL);
	assert_string_equal(ctx->err.field, "levy_amount");
	assert_int_equal(work_set_decision(ctx, id, f.decision, "voluntary", "100.000"), DV_EINVAL);
	assert_int_equal(work_set_decision(ctx, id, f.decision, "each", "100.000"), DV_EINVAL);
	assert_string_equal(ctx->err.field, "levy");
	/* a matter of Chiêu Liêu does not decide Đông Tác's work */
	struct matter_input in = {.unit_id = f.t.chieu_lieu,
				  .type = MT_CONTRIBUTIONS,
				  .form = "ballot",
				  .title = "Hẻm Chiêu Liêu",
				  .body = "x"};
	int64_t elsewhere = 0;
	ctx->actor = &actor_system;
	test_household(ctx, f.t.chieu_lieu, "Số 1 Chiêu Liêu", 1);
	ctx->actor = test_actor(ctx, ROLE_HEAD, f.t.chieu_lieu, 0);
	assert_ok(ctx, matter_create(ctx, &in, &elsewhere));
	assert_ok(ctx, matter_open(ctx, elsewhere, ctx->now + 86400));
	ctx->actor = f.ward;
	assert_int_equal(work_set_decision(ctx, id, elsewhere, "voluntary", ""), DV_EINVAL);
	assert_non_null(strstr(ctx->err.msg, "another community"));
	/* nor may an officer of another ward link anything */
	ctx->actor = f.other_ward;
	assert_int_equal(work_set_decision(ctx, id, f.decision, "voluntary", ""), DV_EPERM);
	test_ctx_free(ctx);
}

static void planning_checks_every_field(void **state)
{
	(void)state;
	struct dv_ctx *ctx = test_ctx_new();
	struct wfx f;
	wfx_build(ctx, &f);
	struct work_input in = {.unit_id = f.t.dong_tac,
				.kind = "alley_concrete",
				.name = "Hẻm 9",
				.place = "Hẻm 9",
				.estimate = "250.000.000"};
	int64_t id = 0;
	struct {
		const char *what, *field;
		struct work_input in;
	} bad[] = {
		{"an unknown kind", "kind", in},
		{"no name", "name", in},
		{"a decimal amount", "estimate", in},
		{"nothing to pay", "estimate", in},
		{"a slip of three zeros", "estimate", in},
		{"an end before the start", "ends_on", in},
		{"a negative quantity", "out_alley_m", in},
		{"a plan that does not add up", "fund_households", in},
	};
	bad[0].in.kind = "road";
	bad[1].in.name = "  ";
	bad[2].in.estimate = "1,5";
	bad[3].in.estimate = "0";
	bad[4].in.estimate = "250.000.000.000";
	bad[5].in.starts_on = "10/03/2027";
	bad[5].in.ends_on = "01/03/2027";
	bad[6].in.outputs[OUT_ALLEY_M] = "-3";
	bad[7].in.funding[FUND_HOUSEHOLDS] = "106.500.000";
	bad[7].in.funding[FUND_AGENCIES] = "100.000.000";
	ctx->actor = f.head;
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		if (work_create(ctx, &bad[i].in, &id) != DV_EINVAL)
			fail_msg("%s was accepted", bad[i].what);
		if (!ctx->err.field || strcmp(ctx->err.field, bad[i].field) != 0)
			fail_msg("%s: field %s, not %s", bad[i].what,
				 ctx->err.field ? ctx->err.field : "(none)", bad[i].field);
	}
	int64_t n = -1;
	assert_ok(ctx, db_int(ctx->db, &n, &ctx->err, "SELECT COUNT(*) FROM work"));
	assert_int_equal(n, 0);
	/* exactly the estimate: fine */
	in.funding[FUND_HOUSEHOLDS] = "106.500.000";
	in.funding[FUND_AGENCIES] = "143.500.000";
	in.outputs[OUT_ALLEY_M] = "320";
	assert_ok(ctx, work_create(ctx, &in, &id));
	struct work w = wfx_get(ctx, id);
	assert_int_equal(w.estimate, 250000000);
	assert_int_equal(w.funding[FUND_AGENCIES], 143500000);
	assert_int_equal(w.quantities[OUT_ALLEY_M], 320);
	assert_int_equal(w.ward_id, f.t.tdh);
	/* a resident, or another ward's officer, plans nothing here */
	ctx->actor = wfx_rep(ctx, &f, 0);
	assert_int_equal(work_create(ctx, &in, &id), DV_EPERM);
	ctx->actor = f.other_ward;
	assert_int_equal(work_create(ctx, &in, &id), DV_EPERM);
	assert_int_equal(work_update(ctx, w.id, &in), DV_EPERM);
	test_ctx_free(ctx);
}

static void the_plan_and_the_final_accounts_are_public_notices(void **state)
{
	(void)state;
	struct dv_ctx *ctx = test_ctx_new();
	struct wfx f;
	wfx_build(ctx, &f);
	int64_t id = wfx_work(ctx, &f), plan = 0, accounts = 0;
	ctx->actor = f.head;
	assert_ok(ctx, work_publish_plan(ctx, id, &plan));
	assert_int_equal(work_publish_plan(ctx, id, NULL), DV_ECONFLICT);
	struct notice n;
	struct notice_category c;
	ctx->actor = &actor_anonymous;
	assert_ok(ctx, notice_get(ctx, plan, &n));
	assert_int_equal(n.status, NOTICE_PUBLISHED);
	assert_int_equal(n.unit_id, f.t.dong_tac);
	assert_int_equal(n.households, WFX_HOUSEHOLDS); /* its reach is counted */
	assert_ok(ctx, category_get(ctx, n.category_id, &c));
	assert_string_equal(c.code, "investment");
	assert_non_null(strstr(n.body, "100.000.000"));
	/* through to the final accounts */
	wfx_board(ctx, &f, id);
	for (int i = 0; i < 4; i++)
		wfx_give(ctx, &f, id, i, "1.500.000");
	struct entry_input buy = {.kind = "expense",
				  .amount = "5.000.000",
				  .party = "Cửa hàng VLXD",
				  .item = "Xi măng",
				  .quantity = "50 bao"};
	int64_t e = 0;
	assert_ok(ctx, wfx_entry(ctx, f.head, id, &buy, &e));
	ctx->actor = f.head;
	assert_ok(ctx, work_start_building(ctx, id));
	assert_int_equal(work_settle(ctx, id, "", NULL), DV_ECONFLICT); /* not accepted */
	assert_int_equal(work_accept(ctx, id, "Đạt"), DV_EPERM);	/* the head is no member */
	ctx->actor = wfx_member(ctx, &f, 1);
	assert_ok(ctx, work_accept(ctx, id, "Đạt yêu cầu"));
	ctx->actor = f.head;
	assert_int_equal(work_settle(ctx, id, "", NULL), DV_ECONFLICT); /* an expense waits */
	assert_non_null(strstr(ctx->err.msg, "sign-off"));
	ctx->actor = wfx_member(ctx, &f, 0);
	assert_ok(ctx, entry_signoff(ctx, id, e, 1, ""));
	ctx->actor = f.head;
	assert_ok(ctx, work_settle(ctx, id, "Số dư chuyển quỹ khu phố.", &accounts));
	struct work w = wfx_get(ctx, id);
	assert_int_equal(w.status, WS_SETTLED);
	assert_string_equal(w.settled_hash, w.head_hash);
	assert_int_equal(w.money.balance, 1000000);
	ctx->actor = &actor_anonymous;
	assert_ok(ctx, notice_get(ctx, accounts, &n));
	assert_ok(ctx, category_get(ctx, n.category_id, &c));
	assert_string_equal(c.code, "funds");
	assert_non_null(strstr(n.body, w.head_hash));
	assert_non_null(strstr(n.body, "6.000.000"));
	/* closed: the board dissolves, the ledger takes nothing more */
	ctx->actor = f.head;
	assert_ok(ctx, work_close(ctx, id));
	struct board_member *m;
	size_t nm;
	int dissolved = 0;
	assert_ok(ctx, board_list(ctx, id, &m, &nm, &dissolved));
	assert_true(dissolved);
	assert_int_equal(nm, 5);
	assert_int_equal(wfx_entry(ctx, f.head, id, &buy, NULL), DV_ECONFLICT);
	test_ctx_free(ctx);
}

static void steps_come_in_order_and_from_those_who_may(void **state)
{
	(void)state;
	struct dv_ctx *ctx = test_ctx_new();
	struct wfx f;
	wfx_build(ctx, &f);
	int64_t id = wfx_work(ctx, &f);
	ctx->actor = f.head;
	assert_int_equal(work_start_collecting(ctx, id), DV_ECONFLICT);
	assert_int_equal(work_close(ctx, id), DV_ECONFLICT);
	ctx->actor = wfx_rep(ctx, &f, 0);
	assert_int_equal(work_start_building(ctx, id), DV_EPERM);
	assert_int_equal(work_publish_plan(ctx, id, NULL), DV_EPERM);
	ctx->actor = f.ward; /* the ward manages its communities' works */
	assert_ok(ctx, work_start_building(ctx, id));
	ctx->actor = f.other_ward;
	assert_int_equal(work_cancel(ctx, id, "Không làm nữa"), DV_EPERM);
	test_ctx_free(ctx);
}

static void cancelling_needs_every_contribution_refunded(void **state)
{
	(void)state;
	struct dv_ctx *ctx = test_ctx_new();
	struct wfx f;
	wfx_build(ctx, &f);
	int64_t id = wfx_work(ctx, &f);
	wfx_give(ctx, &f, id, 0, "1.500.000");
	wfx_give(ctx, &f, id, 1, "1.000.000");
	ctx->actor = f.head;
	assert_int_equal(work_cancel(ctx, id, ""), DV_EINVAL);
	assert_int_equal(work_cancel(ctx, id, "Nhà nước đầu tư toàn bộ"), DV_ECONFLICT);
	assert_non_null(strstr(ctx->err.msg, "2 households"));
	struct entry_input back = {
		.kind = "refund", .household_id = f.hh[0], .amount = "1.500.000", .method = "cash"};
	assert_ok(ctx, wfx_entry(ctx, f.head, id, &back, NULL));
	/* more than a household gave is not refunded */
	back.household_id = f.hh[1];
	back.amount = "1.000.001";
	assert_int_equal(wfx_entry(ctx, f.head, id, &back, NULL), DV_EINVAL);
	assert_string_equal(ctx->err.field, "amount");
	ctx->actor = f.head;
	assert_int_equal(work_cancel(ctx, id, "Nhà nước đầu tư toàn bộ"), DV_ECONFLICT);
	assert_non_null(strstr(ctx->err.msg, "1 households"));
	back.amount = "1.000.000";
	assert_ok(ctx, wfx_entry(ctx, f.head, id, &back, NULL));
	ctx->actor = f.head;
	assert_ok(ctx, work_cancel(ctx, id, "Nhà nước đầu tư toàn bộ"));
	struct work w = wfx_get(ctx, id);
	assert_int_equal(w.status, WS_CANCELLED);
	assert_int_equal(w.money.balance, 0);
	assert_string_equal(w.cancel_reason, "Nhà nước đầu tư toàn bộ");
	test_ctx_free(ctx);
}

static void totals_by_kind_and_source_for_the_city(void **state)
{
	(void)state;
	struct dv_ctx *ctx = test_ctx_new();
	struct wfx f;
	wfx_build(ctx, &f);
	int64_t done = wfx_work(ctx, &f), planned = wfx_plan(ctx, &f);
	wfx_board(ctx, &f, done);
	wfx_give(ctx, &f, done, 0, "1.500.000");
	wfx_give(ctx, &f, done, 1, "1.500.000");
	struct entry_input sp = {.kind = "sponsor",
				 .amount = "20.000.000",
				 .source = "agencies",
				 .party = "Công an phường Tân Đông Hiệp",
				 .method = "transfer"};
	assert_ok(ctx, wfx_entry(ctx, f.head, done, &sp, NULL));
	struct entry_input labour = {.kind = "in_kind",
				     .household_id = f.hh[2],
				     .amount = "600.000",
				     .method = "labour",
				     .item = "3 ngày công"};
	assert_ok(ctx, wfx_entry(ctx, f.head, done, &labour, NULL));
	ctx->actor = f.head;
	assert_ok(ctx, work_start_building(ctx, done));
	ctx->actor = wfx_member(ctx, &f, 2);
	assert_ok(ctx, work_accept(ctx, done, ""));
	struct works_totals t;
	ctx->actor = &actor_anonymous;
	assert_ok(ctx, works_totals(ctx, f.t.city, 0, 0, &t));
	assert_int_equal(t.works, 2);
	assert_int_equal(t.by_kind[WK_ALLEY_CONCRETE], 2);
	assert_int_equal(t.by_status[WS_ACCEPTED], 1);
	assert_int_equal(t.delivered[OUT_ALLEY_M], 120);
	assert_int_equal(t.planned[OUT_ALLEY_M], 120);
	assert_int_equal(t.delivered[OUT_LIGHTS], 4);
	assert_int_equal(t.by_source[FUND_HOUSEHOLDS], 3600000);
	assert_int_equal(t.by_source[FUND_AGENCIES], 20000000);
	assert_int_equal(t.in_kind, 600000);
	assert_int_equal(t.in, 23600000);
	/* the year it was accepted, and the year after */
	int32_t today = time_local_date(ctx->now);
	assert_ok(ctx, works_totals(ctx, f.t.tdh, today, today, &t));
	assert_int_equal(t.works, 1);
	assert_int_equal(t.delivered[OUT_ALLEY_M], 120);
	assert_int_equal(t.planned[OUT_ALLEY_M], 0);
	assert_ok(ctx, works_totals(ctx, f.t.tdh, date_add_days(today, 1), 0, &t));
	assert_int_equal(t.works, 0);
	/* another ward delivered nothing */
	assert_ok(ctx, works_totals(ctx, f.t.binh_an, 0, 0, &t));
	assert_int_equal(t.works, 0);
	assert_int_equal(t.in, 0);
	/* the lists: newest first, by unit and status */
	struct work *v;
	size_t n;
	int more;
	struct work_filter all = {.unit_id = f.t.tdh, .status = -1};
	assert_ok(ctx, work_list(ctx, &all, 0, 10, &v, &n, &more));
	assert_int_equal(n, 2);
	assert_int_equal(v[0].id, planned);
	assert_int_equal(v[1].money.in, 23600000);
	struct work_filter accepted = {.unit_id = f.t.dong_tac, .status = WS_ACCEPTED};
	assert_ok(ctx, work_list(ctx, &accepted, 0, 10, &v, &n, &more));
	assert_int_equal(n, 1);
	struct work_filter elsewhere = {.unit_id = f.t.binh_an, .status = -1};
	assert_ok(ctx, work_list(ctx, &elsewhere, 0, 10, &v, &n, &more));
	assert_int_equal(n, 0);
	test_ctx_free(ctx);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(a_work_collects_only_after_its_decision_passed),
		cmocka_unit_test(the_decision_is_a_matter_of_contributions_of_the_community),
		cmocka_unit_test(planning_checks_every_field),
		cmocka_unit_test(the_plan_and_the_final_accounts_are_public_notices),
		cmocka_unit_test(steps_come_in_order_and_from_those_who_may),
		cmocka_unit_test(cancelling_needs_every_contribution_refunded),
		cmocka_unit_test(totals_by_kind_and_source_for_the_city),
	};
	return test_run(tests);
}
