#include "testlib.h"

#include <string.h>

#include "base/date.h"
#include "domain/decide/election.h"
#include "domain/decide/matter.h"
#include "domain/decide/meeting.h"
#include "domain/perm.h"

static int64_t at(int32_t ymd, int hour)
{
	return time_local_midnight(ymd) + hour * 3600;
}

struct place {
	struct test_tree t;
	int64_t hh[8];
	const struct actor *head;
	int64_t matter;
};

/* A community of 8 households and a draft election on 01/11/2026 among
 * the given candidates (none: one candidate, agree or disagree). */
static void place_build(struct dv_ctx *ctx, struct place *p, const char *const *candidates,
			size_t n)
{
	test_tree_build(ctx, &p->t);
	ctx->now = at(20261101, 9);
	for (int i = 0; i < 8; i++)
		p->hh[i] = test_household(ctx, p->t.dong_tac,
					  arena_printf(ctx->arena, "Số %d Đông Tác", i + 1), 1);
	p->head = test_actor(ctx, ROLE_HEAD, p->t.dong_tac, 0);
	ctx->actor = p->head;
	struct matter_input in = {.unit_id = p->t.dong_tac,
				  .type = MT_HEAD,
				  .form = "meeting",
				  .title = "Bầu trưởng khu phố Đông Tác nhiệm kỳ 2027–2029",
				  .body = "Bầu trưởng khu phố",
				  .options = candidates,
				  .noptions = n};
	assert_ok(ctx, matter_create(ctx, &in, &p->matter));
}

static const char *const two[] = {"Nguyễn Văn An", "Trần Thị Bình"};

static void the_timeline_is_checked(void **state)
{
	(void)state;
	struct dv_ctx *ctx = test_ctx_new();
	struct place p;
	place_build(ctx, &p, two, 2);
	/* no plan, no election */
	assert_int_equal(meeting_schedule(ctx, p.matter, at(20261125, 19), "Nhà văn hóa"), DV_EINVAL);
	assert_int_equal(election_plan(ctx, p.matter, "02/11/2026"), DV_EINVAL); /* tomorrow */
	assert_ok(ctx, election_plan(ctx, p.matter, "01/11/2026"));
	/* the plan at least 20 days before: the 20th is too soon, the 21st fine */
	assert_int_equal(meeting_schedule(ctx, p.matter, at(20261120, 19), "Nhà văn hóa"), DV_EINVAL);
	assert_non_null(strstr(ctx->err.msg, "21/11/2026"));
	/* the notice at least 7 days before: called on 15/11 for 21/11 is 6 days */
	ctx->now = at(20261115, 9);
	assert_int_equal(meeting_schedule(ctx, p.matter, at(20261121, 19), "Nhà văn hóa"), DV_EINVAL);
	ctx->now = at(20261114, 9);
	assert_ok(ctx, meeting_schedule(ctx, p.matter, at(20261121, 19), "Nhà văn hóa"));
	/* the team at most 10 days before, with no candidate on it */
	ctx->now = at(20261110, 9); /* 11 days before */
	assert_int_equal(election_team(ctx, p.matter, "Lê Chi\nPhạm Dũng\nVõ Em"), DV_ECONFLICT);
	ctx->now = at(20261111, 9); /* 10 days before */
	assert_int_equal(election_team(ctx, p.matter, "Lê Chi\nTRẦN THỊ BÌNH\nVõ Em"), DV_EINVAL);
	assert_string_equal(ctx->err.field, "team");
	assert_int_equal(election_team(ctx, p.matter, "Lê Chi\nPhạm Dũng"), DV_EINVAL); /* 2 */
	/* the register needs the team */
	ctx->now = at(20261121, 18);
	assert_int_equal(meeting_open(ctx, p.matter, "Chủ trì", "Thư ký"), DV_ECONFLICT);
	ctx->now = at(20261112, 9);
	assert_ok(ctx, election_team(ctx, p.matter, "Lê Chi\nPhạm Dũng\nVõ Em"));
	struct election e;
	assert_ok(ctx, election_get(ctx, p.matter, &e));
	assert_int_equal(e.plan_on, 20261101);
	assert_int_equal(e.team_on, 20261112);
	ctx->now = at(20261121, 18);
	assert_ok(ctx, meeting_open(ctx, p.matter, "Chủ trì", "Thư ký"));
	test_ctx_free(ctx);
}

/* An election held: plan, notice, team, register open, `present` in. */
static void hold(struct dv_ctx *ctx, struct place *p, int present, int64_t *motion)
{
	int64_t committee;
	assert_ok(ctx, election_plan(ctx, p->matter, NULL));
	assert_ok(ctx, meeting_schedule(ctx, p->matter, at(20261125, 19), "Nhà văn hóa"));
	ctx->now = at(20261120, 9);
	assert_ok(ctx, election_team(ctx, p->matter, "Lê Chi\nPhạm Dũng\nVõ Em"));
	ctx->now = at(20261125, 18);
	assert_ok(ctx, meeting_open(ctx, p->matter, "Chủ trì", "Thư ký"));
	for (int i = 0; i < present; i++)
		assert_ok(ctx, meeting_check_in(ctx, p->matter, p->hh[i], NULL));
	/* a head is elected by secret ballot, which needs a counting committee */
	assert_int_equal(motion_add(ctx, p->matter, MOTION_MAIN, "", VOTE_HANDS, NULL, motion),
			 DV_EINVAL);
	assert_ok(ctx, motion_add(ctx, p->matter, MOTION_COUNTERS, "Tổ kiểm phiếu", VOTE_HANDS,
				  "Lê Chi\nPhạm Dũng\nVõ Em", &committee));
	assert_ok(ctx, motion_record(ctx, committee, present, 0, 0));
	assert_ok(ctx, motion_add(ctx, p->matter, MOTION_MAIN, "", VOTE_SECRET, NULL, motion));
}

static void elected_with_more_than_half_of_those_present(void **state)
{
	(void)state;
	struct dv_ctx *ctx = test_ctx_new();
	struct place p;
	struct matter m;
	int64_t motion;
	place_build(ctx, &p, two, 2);
	hold(ctx, &p, 6, &motion);
	int64_t wrong[] = {5, 2};
	assert_int_equal(motion_record_options(ctx, motion, wrong, 2), DV_EINVAL); /* 7 of 6 */
	assert_int_equal(motion_record(ctx, motion, 4, 2, 0), DV_EINVAL); /* count each */
	int64_t counts[] = {4, 2};
	assert_ok(ctx, motion_record_options(ctx, motion, counts, 2));
	assert_ok(ctx, meeting_close(ctx, p.matter, 0, NULL));
	ctx->actor = &actor_anonymous;
	assert_ok(ctx, matter_get(ctx, p.matter, &m));
	assert_true(m.result.passed);
	assert_string_equal(m.result.winner, "Nguyễn Văn An");
	assert_int_equal(m.options[0].votes, 4);
	assert_int_equal(m.options[1].votes, 2);
	assert_non_null(strstr(matter_reason(ctx, &m), "Nguyễn Văn An"));
	test_ctx_free(ctx);
}

static void exactly_half_elects_nobody(void **state)
{
	(void)state;
	struct dv_ctx *ctx = test_ctx_new();
	struct place p;
	struct matter m;
	int64_t motion;
	place_build(ctx, &p, two, 2);
	hold(ctx, &p, 6, &motion);
	int64_t counts[] = {3, 3};
	assert_ok(ctx, motion_record_options(ctx, motion, counts, 2));
	assert_ok(ctx, meeting_close(ctx, p.matter, 0, NULL));
	ctx->actor = &actor_anonymous;
	assert_ok(ctx, matter_get(ctx, p.matter, &m));
	assert_false(m.result.passed);
	assert_null(m.result.winner);
	assert_non_null(strstr(matter_reason(ctx, &m), "new election"));
	test_ctx_free(ctx);
}

static void one_candidate_is_agreed_or_not(void **state)
{
	(void)state;
	struct dv_ctx *ctx = test_ctx_new();
	struct place p;
	struct matter m;
	int64_t motion;
	place_build(ctx, &p, NULL, 0);
	hold(ctx, &p, 5, &motion);
	assert_ok(ctx, motion_record(ctx, motion, 3, 2, 0));
	assert_ok(ctx, meeting_close(ctx, p.matter, 0, NULL));
	ctx->actor = &actor_anonymous;
	assert_ok(ctx, matter_get(ctx, p.matter, &m));
	assert_true(m.result.passed);
	test_ctx_free(ctx);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(the_timeline_is_checked),
		cmocka_unit_test(elected_with_more_than_half_of_those_present),
		cmocka_unit_test(exactly_half_elects_nobody),
		cmocka_unit_test(one_candidate_is_agreed_or_not),
	};
	return test_run(tests);
}
