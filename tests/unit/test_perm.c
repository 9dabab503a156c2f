#include "testlib.h"

#include <string.h>

#include "domain/identity/account.h"
#include "domain/registry/org.h"
#include "domain/identity/grant.h"
#include "domain/perm.h"
#include "domain/registry/unit.h"

/* What each role may do, written out independently of perm.c's table. */
static const char *expected[ROLE_COUNT] = {
	[ROLE_RESIDENT] = "comment",
	[ROLE_REPRESENTATIVE] = "comment vote acknowledge join_movements work_consent",
	[ROLE_HEAD] = "view_households view_personal edit_households grant_roles "
		      "convene_meetings agree_online_vote record_reach manage_works "
		      "handle_local_reports "
		      "join_movements run_titles report_work",
	[ROLE_FRONT] = "view_households agree_online_vote record_reach publish_news "
		       "collective_opinion form_boards join_movements run_titles report_work",
	[ROLE_WARD_OFFICER] = "view_households view_personal edit_households manage_units "
			      "grant_roles manage_orgs publish_notices view_audit record_reach "
			      "publish_news consult manage_works form_boards handle_reports "
			      "view_private_reports "
			      "manage_inspection answer_inspection run_movements join_movements "
			      "register_models run_titles record_exclusions decide_titles "
			      "nominate_awards run_awards plan_work report_work review_year",
	[ROLE_ORG_OFFICER] = "manage_orgs publish_news collective_opinion run_movements "
			     "join_movements register_models nominate_awards report_work",
	[ROLE_INSPECTOR] = "inspect view_audit restrict_awards",
	[ROLE_COUNCIL] = "evaluate_awards restrict_awards",
	[ROLE_MASS_MOBILIZATION] = "run_movements join_movements register_models "
				   "evaluate_models nominate_awards plan_work report_work review_year",
	[ROLE_CITY_ADMIN] = "view_households view_personal edit_households manage_units "
			    "reorganize_units grant_roles manage_orgs publish_notices inspect "
			    "view_audit record_reach publish_news configure consult manage_works "
			    "form_boards handle_reports "
			    "manage_inspection answer_inspection run_movements join_movements "
			    "register_models run_titles record_exclusions decide_titles "
			    "nominate_awards run_awards plan_work report_work review_year",
};

/* What a household's own roles may do only for their household, never
 * across their unit. */
static const char household_only[] = "acknowledge join_movements work_consent";

static int listed(const char *list, const char *word)
{
	size_t n = strlen(word);
	for (const char *p = list; (p = strstr(p, word)); p += n)
		if ((p == list || p[-1] == ' ') && (p[n] == ' ' || p[n] == '\0'))
			return 1;
	return 0;
}

static void every_role_every_action_every_place(void **state)
{
	(void)state;
	struct dv_ctx *ctx = test_ctx_new();
	struct test_tree t;
	test_tree_build(ctx, &t);
	for (int r = 0; r < ROLE_COUNT; r++) {
		ctx->actor = test_actor(ctx, r, t.tdh, 0);
		for (int a = 0; a < ACT_COUNT; a++) {
			/* acknowledging, joining a movement: the household's own */
			int want = listed(expected[r], action_name(a)) &&
				   !((r == ROLE_RESIDENT || r == ROLE_REPRESENTATIVE) &&
				     listed(household_only, action_name(a)));
			assert_int_equal(role_allows(r, a), listed(expected[r], action_name(a)));
			if (perm_may(ctx, a, t.tdh) != want || perm_may(ctx, a, t.dong_tac) != want)
				fail_msg("%s on its own ward, %s: expected %d", role_name(r),
					 action_name(a), want);
			/* never above, beside, or in another province */
			if (perm_may(ctx, a, t.city) || perm_may(ctx, a, t.binh_an) ||
			    perm_may(ctx, a, t.noi_hoa) || perm_may(ctx, a, t.other_nb))
				fail_msg("%s may %s outside its subtree", role_name(r),
					 action_name(a));
		}
	}
	ctx->actor = &actor_anonymous;
	for (int a = 0; a < ACT_COUNT; a++)
		assert_false(perm_may(ctx, a, t.dong_tac));
	ctx->actor = &actor_system;
	for (int a = 0; a < ACT_COUNT; a++)
		assert_true(perm_may(ctx, a, t.dong_tac));
	test_ctx_free(ctx);
}

static void household_scoped_roles_reach_only_their_household(void **state)
{
	(void)state;
	struct dv_ctx *ctx = test_ctx_new();
	struct test_tree t;
	test_tree_build(ctx, &t);
	int64_t mine = test_household(ctx, t.dong_tac, "1 Đông Tác", 1);
	int64_t theirs = test_household(ctx, t.dong_tac, "2 Đông Tác", 1);
	ctx->actor = test_actor(ctx, ROLE_REPRESENTATIVE, t.dong_tac, mine);
	assert_true(perm_may_household(ctx, ACT_VOTE, mine, t.dong_tac));
	assert_false(perm_may_household(ctx, ACT_VOTE, theirs, t.dong_tac));
	assert_true(perm_may_household(ctx, ACT_ACKNOWLEDGE, mine, t.dong_tac));
	assert_false(perm_may_household(ctx, ACT_ACKNOWLEDGE, theirs, t.dong_tac));
	ctx->actor = test_actor(ctx, ROLE_RESIDENT, t.dong_tac, mine);
	assert_false(perm_may_household(ctx, ACT_VOTE, mine, t.dong_tac));
	/* the head reaches every household of the neighborhood, none elsewhere */
	ctx->actor = test_actor(ctx, ROLE_HEAD, t.dong_tac, 0);
	assert_true(perm_may_household(ctx, ACT_EDIT_HOUSEHOLDS, theirs, t.dong_tac));
	assert_false(perm_may_household(ctx, ACT_EDIT_HOUSEHOLDS, theirs, t.chieu_lieu));
	test_ctx_free(ctx);
}

static void grant_table(void **state)
{
	(void)state;
	assert_true(role_may_grant(ROLE_CITY_ADMIN, ROLE_CITY_ADMIN));
	assert_true(role_may_grant(ROLE_WARD_OFFICER, ROLE_HEAD));
	assert_false(role_may_grant(ROLE_WARD_OFFICER, ROLE_WARD_OFFICER));
	assert_false(role_may_grant(ROLE_WARD_OFFICER, ROLE_CITY_ADMIN));
	assert_true(role_may_grant(ROLE_HEAD, ROLE_REPRESENTATIVE));
	assert_false(role_may_grant(ROLE_HEAD, ROLE_FRONT));
	for (int r = 0; r < ROLE_COUNT; r++)
		if (r != ROLE_HEAD && r != ROLE_WARD_OFFICER && r != ROLE_CITY_ADMIN)
			for (int g = 0; g < ROLE_COUNT; g++)
				assert_false(role_may_grant(r, g));
	enum role r;
	assert_int_equal(role_parse("ward_officer", &r, NULL), 0);
	assert_int_equal(r, ROLE_WARD_OFFICER);
	assert_int_equal(role_parse("superuser", &r, NULL), DV_EINVAL);
}

static void granting_within_limits(void **state)
{
	(void)state;
	struct dv_ctx *ctx = test_ctx_new();
	struct test_tree t;
	test_tree_build(ctx, &t);
	int64_t officer, person, gid, org;
	assert_ok(ctx, account_create(ctx, "officer@tdh", "Cán bộ", "mat-khau-1", 0, &officer));
	assert_ok(ctx, account_create(ctx, "0912345678", "Người dân", "mat-khau-2", 0, &person));
	assert_ok(ctx, grant_add(ctx, officer, ROLE_WARD_OFFICER, t.tdh, 0, &gid));
	/* granting the same again changes nothing */
	int64_t again;
	assert_ok(ctx, grant_add(ctx, officer, ROLE_WARD_OFFICER, t.tdh, 0, &again));
	assert_int_equal(again, gid);

	struct actor a;
	assert_ok(ctx, actor_load(ctx, officer, &a));
	assert_int_equal(a.ngrants, 1);
	assert_int_equal(a.grants[0].role, ROLE_WARD_OFFICER);
	assert_int_equal(a.grants[0].unit_id, t.tdh);
	ctx->actor = &a;
	int64_t g;
	assert_ok(ctx, grant_add(ctx, person, ROLE_HEAD, t.dong_tac, 0, &g));
	assert_int_equal(grant_add(ctx, person, ROLE_WARD_OFFICER, t.tdh, 0, &g), DV_EPERM);
	assert_int_equal(grant_add(ctx, person, ROLE_HEAD, t.noi_hoa, 0, &g), DV_EPERM);
	assert_int_equal(grant_add(ctx, person, ROLE_HEAD, t.city, 0, &g), DV_EPERM);
	assert_int_equal(grant_add(ctx, person, ROLE_HEAD, 999999, 0, &g), DV_EINVAL);
	assert_int_equal(grant_add(ctx, 999999, ROLE_HEAD, t.dong_tac, 0, &g), DV_EINVAL);
	/* an organization officer needs an organization of that unit */
	assert_int_equal(grant_add(ctx, person, ROLE_ORG_OFFICER, t.tdh, 0, &g), DV_EINVAL);
	assert_ok(ctx, org_create(ctx, t.tdh, ORG_YOUTH_UNION, "Đoàn phường Tân Đông Hiệp", &org));
	assert_ok(ctx, grant_add(ctx, person, ROLE_ORG_OFFICER, t.tdh, org, &g));

	/* the new head may grant representatives in its neighborhood, not more */
	struct actor head;
	ctx->actor = &actor_system;
	assert_ok(ctx, actor_load(ctx, person, &head));
	assert_int_equal(head.ngrants, 2);
	ctx->actor = &head;
	assert_ok(ctx, grant_add(ctx, officer, ROLE_REPRESENTATIVE, t.dong_tac, 0, &g));
	assert_int_equal(grant_add(ctx, officer, ROLE_FRONT, t.dong_tac, 0, &g), DV_EPERM);
	assert_int_equal(grant_add(ctx, officer, ROLE_REPRESENTATIVE, t.chieu_lieu, 0, &g),
			 DV_EPERM);
	/* revoking follows the same rule */
	assert_int_equal(grant_revoke(ctx, gid), DV_EPERM);
	assert_ok(ctx, grant_revoke(ctx, g));
	assert_int_equal(grant_revoke(ctx, g), DV_ENOTFOUND);
	ctx->actor = &actor_system;
	struct actor reloaded;
	assert_ok(ctx, actor_load(ctx, officer, &reloaded));
	assert_int_equal(reloaded.ngrants, 1);
	test_ctx_free(ctx);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(every_role_every_action_every_place),
		cmocka_unit_test(household_scoped_roles_reach_only_their_household),
		cmocka_unit_test(grant_table),
		cmocka_unit_test(granting_within_limits),
	};
	return test_run(tests);
}
