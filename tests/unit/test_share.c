/*
 * Households' shares of a work (domain/works/share.h): exemptions shown as
 * "exempt or reduced" without their reason, names only with the household's
 * consent, a rule per metre of frontage, the counts of who paid, and a
 * household's own works.
 */
#include "works_fixture.h"

#include "domain/works/share.h"

static const struct share *find(const struct share *v, size_t n, int64_t hid)
{
	for (size_t i = 0; i < n; i++)
		if (v[i].household_id == hid)
			return &v[i];
	fail_msg("household %lld not listed", (long long)hid);
	return NULL;
}

static void exemptions_show_without_their_reason(void **state)
{
	(void)state;
	struct dv_ctx *ctx = test_ctx_new();
	struct wfx f;
	wfx_build(ctx, &f);
	int64_t id = wfx_work(ctx, &f);
	struct share_input poor = {.exemption = "exempt", .category = "poor"};
	struct share_input less = {
		.exemption = "reduced", .category = "elderly_alone", .due = "750.000"};
	ctx->actor = f.head;
	assert_ok(ctx, share_set(ctx, id, f.hh[2], &poor));
	assert_ok(ctx, share_set(ctx, id, f.hh[3], &less));
	/* the case is required; a reduction is less than the share */
	struct share_input bad = {.exemption = "exempt"};
	assert_int_equal(share_set(ctx, id, f.hh[4], &bad), DV_EINVAL);
	assert_string_equal(ctx->err.field, "category");
	bad = (struct share_input){.exemption = "reduced", .category = "poor", .due = "1.500.000"};
	assert_int_equal(share_set(ctx, id, f.hh[4], &bad), DV_EINVAL);
	assert_string_equal(ctx->err.field, "due");
	bad = (struct share_input){.exemption = "waived", .category = "poor"};
	assert_int_equal(share_set(ctx, id, f.hh[4], &bad), DV_EINVAL);
	ctx->actor = wfx_rep(ctx, &f, 2);
	assert_int_equal(share_set(ctx, id, f.hh[2], &(struct share_input){.exemption = ""}),
			 DV_EPERM);
	wfx_give(ctx, &f, id, 0, "1.500.000");
	wfx_give(ctx, &f, id, 1, "1.000.000");
	wfx_give(ctx, &f, id, 3, "750.000");
	struct work w = wfx_get(ctx, id);
	struct share *v;
	size_t n;
	int more;
	/* the public: exempt or reduced, never why */
	ctx->actor = &actor_anonymous;
	w = wfx_get(ctx, id);
	assert_ok(ctx, share_list(ctx, &w, 0, 50, &v, &n, &more));
	assert_int_equal(n, WFX_HOUSEHOLDS);
	const struct share *s = find(v, n, f.hh[2]);
	assert_int_equal(s->exemption, XM_EXEMPT);
	assert_int_equal(s->category, EXC_NONE);
	assert_int_equal(s->due, 0);
	s = find(v, n, f.hh[3]);
	assert_int_equal(s->exemption, XM_REDUCED);
	assert_int_equal(s->category, EXC_NONE);
	assert_int_equal(s->due, 750000);
	assert_int_equal(find(v, n, f.hh[0])->due, 1500000);
	assert_string_equal(find(v, n, f.hh[0])->house_no, "Số 1/4");
	/* the head sees why */
	ctx->actor = f.head;
	w = wfx_get(ctx, id);
	assert_ok(ctx, share_list(ctx, &w, 0, 50, &v, &n, &more));
	assert_int_equal(find(v, n, f.hh[2])->category, EXC_POOR);
	assert_int_equal(find(v, n, f.hh[3])->category, EXC_ELDERLY);
	struct share_counts c;
	assert_ok(ctx, share_counts(ctx, &w, &c));
	assert_int_equal(c.households, WFX_HOUSEHOLDS);
	assert_int_equal(c.exempt, 2);
	assert_int_equal(c.paid, 2); /* in full: 0 and the reduced 3 */
	assert_int_equal(c.partly, 1);
	assert_int_equal(c.unpaid, 6);
	/* pages of households */
	assert_ok(ctx, share_list(ctx, &w, 0, 4, &v, &n, &more));
	assert_int_equal(n, 4);
	assert_true(more);
	assert_ok(ctx, share_list(ctx, &w, 8, 4, &v, &n, &more));
	assert_int_equal(n, 2);
	assert_false(more);
	test_ctx_free(ctx);
}

static void a_name_shows_only_with_the_households_consent(void **state)
{
	(void)state;
	struct dv_ctx *ctx = test_ctx_new();
	struct wfx f;
	wfx_build(ctx, &f);
	int64_t id = wfx_work(ctx, &f), e0 = 0, e1 = 0;
	e0 = wfx_give(ctx, &f, id, 0, "1.500.000");
	struct entry_input agreed = {.kind = "contribution",
				     .household_id = f.hh[1],
				     .amount = "1.500.000",
				     .show_name = 1};
	assert_ok(ctx, wfx_entry(ctx, f.head, id, &agreed, &e1));
	struct entry x;
	ctx->actor = &actor_anonymous;
	assert_ok(ctx, entry_get(ctx, id, e0, &x));
	assert_string_equal(x.household_name, "");
	assert_string_not_equal(x.household_code, "");
	assert_string_equal(x.house_no, "Số 1/4");
	assert_ok(ctx, entry_get(ctx, id, e1, &x));
	assert_string_not_equal(x.household_name, "");
	/* another household does not see it; the household itself and the head do */
	ctx->actor = wfx_rep(ctx, &f, 5);
	assert_ok(ctx, entry_get(ctx, id, e0, &x));
	assert_string_equal(x.household_name, "");
	ctx->actor = wfx_rep(ctx, &f, 0);
	assert_ok(ctx, entry_get(ctx, id, e0, &x));
	assert_string_not_equal(x.household_name, "");
	ctx->actor = f.head;
	assert_ok(ctx, entry_get(ctx, id, e0, &x));
	assert_string_not_equal(x.household_name, "");
	/* the household agrees, then changes its mind */
	ctx->actor = wfx_rep(ctx, &f, 0);
	assert_ok(ctx, share_consent(ctx, id, 1));
	ctx->actor = &actor_anonymous;
	assert_ok(ctx, entry_get(ctx, id, e0, &x));
	assert_string_not_equal(x.household_name, "");
	ctx->actor = wfx_rep(ctx, &f, 0);
	assert_ok(ctx, share_consent(ctx, id, 0));
	ctx->actor = &actor_anonymous;
	assert_ok(ctx, entry_get(ctx, id, e0, &x));
	assert_string_equal(x.household_name, "");
	/* only a representative decides, for its own household */
	ctx->actor = test_actor(ctx, ROLE_RESIDENT, f.t.dong_tac, f.hh[0]);
	assert_int_equal(share_consent(ctx, id, 1), DV_EPERM);
	ctx->actor = f.head;
	assert_int_equal(share_consent(ctx, id, 1), DV_EPERM);
	test_ctx_free(ctx);
}

static void a_rule_per_metre_of_frontage(void **state)
{
	(void)state;
	struct dv_ctx *ctx = test_ctx_new();
	struct wfx f;
	wfx_build(ctx, &f);
	int64_t id = wfx_plan(ctx, &f);
	ctx->actor = f.head;
	assert_ok(ctx, work_set_decision(ctx, id, f.decision, "per_metre", "200.000"));
	assert_ok(ctx, work_start_collecting(ctx, id));
	assert_ok(ctx, share_set(ctx, id, f.hh[0], &(struct share_input){.frontage = "4,5"}));
	assert_ok(ctx, share_set(ctx, id, f.hh[1], &(struct share_input){.frontage = "6.25"}));
	assert_ok(ctx, share_set(ctx, id, f.hh[2], &(struct share_input){.frontage = "12"}));
	const char *bad[] = {"4,555", "abc", "4,", "-3", "1001"};
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		if (share_set(ctx, id, f.hh[3], &(struct share_input){.frontage = bad[i]}) !=
		    DV_EINVAL)
			fail_msg("frontage '%s' accepted", bad[i]);
		assert_string_equal(ctx->err.field, "frontage");
	}
	/* setting the exemption keeps the frontage */
	assert_ok(ctx, share_set(ctx, id, f.hh[2],
				 &(struct share_input){.exemption = "reduced",
						       .category = "policy",
						       .due = "1.000.000"}));
	struct work w = wfx_get(ctx, id);
	struct share *v;
	size_t n;
	int more;
	assert_ok(ctx, share_list(ctx, &w, 0, 50, &v, &n, &more));
	assert_int_equal(find(v, n, f.hh[0])->due, 900000);
	assert_int_equal(find(v, n, f.hh[1])->due, 1250000);
	assert_int_equal(find(v, n, f.hh[2])->frontage_cm, 1200);
	assert_int_equal(find(v, n, f.hh[2])->due, 1000000);
	assert_int_equal(find(v, n, f.hh[4])->due, 0);
	/* a household of another community has no share here */
	ctx->actor = &actor_system;
	int64_t stranger = test_household(ctx, f.t.chieu_lieu, "Số 9 Chiêu Liêu", 1);
	ctx->actor = f.head;
	assert_int_equal(share_set(ctx, id, stranger, &(struct share_input){.frontage = "4"}),
			 DV_EINVAL);
	test_ctx_free(ctx);
}

static void a_household_sees_its_own_works(void **state)
{
	(void)state;
	struct dv_ctx *ctx = test_ctx_new();
	struct wfx f;
	wfx_build(ctx, &f);
	int64_t id = wfx_work(ctx, &f), planned = wfx_plan(ctx, &f);
	wfx_give(ctx, &f, id, 0, "1.000.000");
	struct entry_input pledge = {
		.kind = "pledge", .household_id = f.hh[0], .amount = "500.000"};
	assert_ok(ctx, wfx_entry(ctx, f.head, id, &pledge, NULL));
	struct my_share *v;
	size_t n;
	ctx->actor = wfx_rep(ctx, &f, 0);
	assert_ok(ctx, share_mine(ctx, f.hh[0], &v, &n));
	assert_int_equal(n, 1); /* the planned one collects nothing yet */
	assert_int_equal(v[0].work.id, id);
	assert_int_equal(v[0].share.given, 1000000);
	assert_int_equal(v[0].share.pledged, 500000);
	assert_int_equal(v[0].share.due, 1500000);
	/* a household that gave nothing sees the work it owes to */
	ctx->actor = wfx_rep(ctx, &f, 7);
	assert_ok(ctx, share_mine(ctx, f.hh[7], &v, &n));
	assert_int_equal(n, 1);
	assert_int_equal(v[0].share.given, 0);
	/* nobody else's */
	assert_int_equal(share_mine(ctx, f.hh[0], &v, &n), DV_ENOTFOUND);
	(void)planned;
	test_ctx_free(ctx);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(exemptions_show_without_their_reason),
		cmocka_unit_test(a_name_shows_only_with_the_households_consent),
		cmocka_unit_test(a_rule_per_metre_of_frontage),
		cmocka_unit_test(a_household_sees_its_own_works),
	};
	return test_run(tests);
}
