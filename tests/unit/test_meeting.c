#include "base/i18n.h"
#include "testlib.h"

#include <string.h>

#include "base/date.h"
#include "domain/decide/matter.h"
#include "domain/decide/meeting.h"
#include "domain/disclose/notice.h"
#include "domain/perm.h"

static int64_t at(int32_t ymd, int hour)
{
	return time_local_midnight(ymd) + hour * 3600;
}

struct place {
	struct test_tree t;
	int64_t hh[10];
	int n;
	const struct actor *head;
	int64_t matter;
};

/* A community of n households and a scheduled meeting on 10/12/2026 19:00
 * about a matter of `type`, the clock on 01/12. */
static void place_build(struct dv_ctx *ctx, struct place *p, int n, int type)
{
	test_tree_build(ctx, &p->t);
	ctx->now = at(20261201, 9);
	p->n = n;
	for (int i = 0; i < n; i++)
		p->hh[i] = test_household(ctx, p->t.dong_tac,
					  arena_printf(ctx->arena, "Số %d Đông Tác", i + 1), 1);
	p->head = test_actor(ctx, ROLE_HEAD, p->t.dong_tac, 0);
	ctx->actor = p->head;
	struct matter_input in = {.unit_id = p->t.dong_tac,
				  .type = type,
				  .form = "meeting",
				  .title = "Hương ước khu phố",
				  .body = "Dự thảo"};
	assert_ok(ctx, matter_create(ctx, &in, &p->matter));
	assert_ok(ctx, meeting_schedule(ctx, p->matter, at(20261210, 19), "Nhà văn hóa khu phố"));
}

static void check_in(struct dv_ctx *ctx, struct place *p, int k)
{
	ctx->actor = p->head;
	for (int i = 0; i < k; i++)
		assert_ok(ctx, meeting_check_in(ctx, p->matter, p->hh[i], NULL));
}

static void scheduling_posts_the_invitation(void **state)
{
	(void)state;
	struct dv_ctx *ctx = test_ctx_new();
	struct place p;
	struct matter mt;
	struct meeting m;
	place_build(ctx, &p, 4, MT_RULES);
	assert_ok(ctx, meeting_get(ctx, p.matter, &mt, &m));
	assert_int_equal(mt.status, MS_OPEN);
	assert_int_equal(m.status, MEET_SCHEDULED);
	assert_string_equal(m.place, "Nhà văn hóa khu phố");
	struct notice n;
	ctx->actor = &actor_anonymous;
	assert_ok(ctx, notice_get(ctx, m.notice_id, &n));
	assert_int_equal(n.status, NOTICE_PUBLISHED);
	assert_int_equal(n.unit_id, p.t.dong_tac);
	assert_non_null(strstr(n.body, "Nhà văn hóa khu phố"));
	/* twice, or by someone else, or too soon: no */
	ctx->actor = p.head;
	assert_int_equal(meeting_schedule(ctx, p.matter, at(20261211, 19), "x"), DV_ECONFLICT);
	struct matter_input in = {.unit_id = p.t.dong_tac, .type = MT_OTHER, .form = "meeting",
				  .title = "Việc khác", .body = "x"};
	int64_t other;
	assert_ok(ctx, matter_create(ctx, &in, &other));
	assert_int_equal(meeting_schedule(ctx, other, ctx->now + 60, "x"), DV_EINVAL);
	assert_int_equal(meeting_schedule(ctx, other, at(20261210, 19), ""), DV_EINVAL);
	ctx->actor = test_actor(ctx, ROLE_WARD_OFFICER, p.t.tdh, 0);
	assert_int_equal(meeting_schedule(ctx, other, at(20261210, 19), "x"), DV_ENOTFOUND);
	/* a ballot matter is not scheduled as a meeting */
	ctx->actor = p.head;
	in.form = "ballot";
	int64_t ballot;
	assert_ok(ctx, matter_create(ctx, &in, &ballot));
	assert_int_equal(meeting_schedule(ctx, ballot, at(20261210, 19), "x"), DV_ECONFLICT);
	test_ctx_free(ctx);
}

static void the_register_opens_on_the_day(void **state)
{
	(void)state;
	struct dv_ctx *ctx = test_ctx_new();
	struct place p;
	struct matter mt;
	struct meeting m;
	int already;
	place_build(ctx, &p, 4, MT_RULES);
	ctx->now = at(20261210, 19) - 12 * 3600 - 1; /* a second too early */
	assert_int_equal(meeting_open(ctx, p.matter, "Trưởng khu phố", "Thư ký"), DV_ECONFLICT);
	assert_int_equal(meeting_check_in(ctx, p.matter, p.hh[0], &already), DV_ECONFLICT);
	ctx->now = at(20261210, 18);
	assert_int_equal(meeting_open(ctx, p.matter, "", "Thư ký"), DV_EINVAL);
	assert_ok(ctx, meeting_open(ctx, p.matter, "Trưởng khu phố", "Thư ký"));
	assert_ok(ctx, meeting_check_in(ctx, p.matter, p.hh[0], &already));
	assert_false(already);
	assert_ok(ctx, meeting_check_in(ctx, p.matter, p.hh[0], &already));
	assert_true(already);
	ctx->actor = test_actor(ctx, ROLE_FRONT, p.t.dong_tac, 0);
	assert_ok(ctx, meeting_check_in(ctx, p.matter, p.hh[1], &already));
	ctx->actor = test_actor(ctx, ROLE_REPRESENTATIVE, p.t.dong_tac, p.hh[2]);
	assert_int_equal(meeting_check_in(ctx, p.matter, p.hh[2], &already), DV_EPERM);
	ctx->actor = &actor_system;
	int64_t far = test_household(ctx, p.t.noi_hoa, "Số 1 Nội Hóa", 1);
	ctx->actor = p.head;
	assert_int_equal(meeting_check_in(ctx, p.matter, far, &already), DV_ENOTFOUND);
	assert_ok(ctx, meeting_get(ctx, p.matter, &mt, &m));
	assert_int_equal(m.eligible, 4);
	assert_int_equal(m.present, 2);
	assert_false(m.quorate); /* exactly half is not a quorum */
	assert_ok(ctx, meeting_check_in(ctx, p.matter, p.hh[2], &already));
	assert_ok(ctx, meeting_get(ctx, p.matter, &mt, &m));
	assert_true(m.quorate); /* one more is */
	/* attending counts as hearing the invitation */
	struct notice n;
	assert_ok(ctx, notice_get(ctx, m.notice_id, &n));
	assert_int_equal(n.reached, 3);
	struct attendee *v;
	size_t k;
	assert_ok(ctx, meeting_register(ctx, p.matter, "so 4", &v, &k));
	assert_int_equal(k, 1);
	assert_false(v[0].present);
	test_ctx_free(ctx);
}

static void invitation_codes_check_in_once(void **state)
{
	(void)state;
	struct dv_ctx *ctx = test_ctx_new();
	struct place p;
	int64_t *ids, hid;
	const char **codes;
	size_t n;
	int already;
	place_build(ctx, &p, 3, MT_OTHER);
	assert_ok(ctx, meeting_invite_codes(ctx, p.matter, &ids, &codes, &n));
	assert_int_equal(n, 3);
	ctx->now = at(20261210, 18);
	assert_ok(ctx, meeting_open(ctx, p.matter, "Trưởng khu phố", "Thư ký"));
	assert_ok(ctx, meeting_check_in_code(ctx, p.matter, codes[1], &hid, &already));
	assert_int_equal(hid, ids[1]);
	assert_false(already);
	assert_ok(ctx, meeting_check_in_code(ctx, p.matter, codes[1], &hid, &already));
	assert_true(already);
	assert_int_equal(meeting_check_in_code(ctx, p.matter, "forged", &hid, &already),
			 DV_ENOTFOUND);
	assert_int_equal(meeting_check_in_code(ctx, p.matter + 1, codes[0], &hid, &already),
			 DV_ENOTFOUND);
	test_ctx_free(ctx);
}

static int64_t main_motion(struct dv_ctx *ctx, struct place *p)
{
	int64_t id;
	ctx->actor = p->head;
	assert_ok(ctx, motion_add(ctx, p->matter, MOTION_MAIN, "", VOTE_HANDS, NULL, &id));
	return id;
}

static void a_motion_needs_more_than_half_of_those_present(void **state)
{
	(void)state;
	struct dv_ctx *ctx = test_ctx_new();
	struct place p;
	struct matter mt;
	struct meeting m;
	place_build(ctx, &p, 10, MT_RULES);
	ctx->now = at(20261210, 19);
	assert_ok(ctx, meeting_open(ctx, p.matter, "Trưởng khu phố", "Thư ký"));
	check_in(ctx, &p, 5);
	int64_t id = main_motion(ctx, &p);
	assert_int_equal(motion_record(ctx, id, 5, 0, 0), DV_ECONFLICT); /* 5 of 10: no quorum */
	check_in(ctx, &p, 8);
	assert_int_equal(motion_record(ctx, id, 5, 4, 0), DV_EINVAL); /* 9 votes, 8 present */
	assert_int_equal(motion_record(ctx, id, -1, 4, 0), DV_EINVAL);
	assert_ok(ctx, motion_record(ctx, id, 4, 3, 1));		/* 4 of 8: fails */
	assert_int_equal(motion_record(ctx, id, 5, 3, 0), DV_ECONFLICT); /* voted once */
	assert_int_equal(motion_add(ctx, p.matter, MOTION_MAIN, "", VOTE_HANDS, NULL, &id),
			 DV_ECONFLICT);
	assert_ok(ctx, meeting_close(ctx, p.matter, 0, NULL));
	ctx->actor = &actor_anonymous;
	assert_ok(ctx, matter_get(ctx, p.matter, &mt));
	assert_int_equal(mt.status, MS_CLOSED);
	assert_false(mt.result.passed);
	assert_int_equal(mt.result.present, 8);
	assert_int_equal(mt.result.yes, 4);
	assert_non_null(strstr(matter_reason(ctx, &mt), "failed"));
	assert_ok(ctx, meeting_get(ctx, p.matter, &mt, &m));
	assert_int_equal(m.status, MEET_CLOSED);
	assert_true(m.quorate);
	test_ctx_free(ctx);
}

static void one_more_than_half_of_those_present_passes(void **state)
{
	(void)state;
	struct dv_ctx *ctx = test_ctx_new();
	struct place p;
	struct matter mt;
	place_build(ctx, &p, 10, MT_RULES);
	ctx->now = at(20261210, 19);
	assert_ok(ctx, meeting_open(ctx, p.matter, "Trưởng khu phố", "Thư ký"));
	check_in(ctx, &p, 8);
	int64_t id = main_motion(ctx, &p);
	/* closing before the matter is voted is refused */
	assert_int_equal(meeting_close(ctx, p.matter, 0, NULL), DV_ECONFLICT);
	assert_ok(ctx, motion_record(ctx, id, 5, 3, 0));
	assert_ok(ctx, meeting_close(ctx, p.matter, 0, NULL));
	ctx->actor = &actor_anonymous;
	assert_ok(ctx, matter_get(ctx, p.matter, &mt));
	assert_true(mt.result.passed);
	assert_int_equal(mt.result.threshold, 50);
	assert_non_null(strstr(matter_reason(ctx, &mt), "passed"));
	test_ctx_free(ctx);
}

static void a_secret_ballot_needs_a_counting_committee(void **state)
{
	(void)state;
	struct dv_ctx *ctx = test_ctx_new();
	struct place p;
	int64_t id;
	place_build(ctx, &p, 6, MT_RULES);
	ctx->now = at(20261210, 19);
	assert_ok(ctx, meeting_open(ctx, p.matter, "Trưởng khu phố", "Thư ký"));
	check_in(ctx, &p, 6);
	ctx->actor = p.head;
	assert_int_equal(motion_add(ctx, p.matter, MOTION_MAIN, "", VOTE_SECRET, NULL, &id),
			 DV_EINVAL);
	/* three to five members: two and six are refused */
	assert_int_equal(motion_add(ctx, p.matter, MOTION_COUNTERS, "Tổ kiểm phiếu", VOTE_HANDS,
				    "An\nBình", &id),
			 DV_EINVAL);
	assert_int_equal(motion_add(ctx, p.matter, MOTION_COUNTERS, "Tổ kiểm phiếu", VOTE_HANDS,
				    "A\nB\nC\nD\nE\nF", &id),
			 DV_EINVAL);
	assert_ok(ctx, motion_add(ctx, p.matter, MOTION_COUNTERS, "Tổ kiểm phiếu", VOTE_HANDS,
				  "Nguyễn An\n\nTrần Bình\nLê Chi\n", &id));
	/* not yet approved */
	int64_t secret;
	assert_int_equal(motion_add(ctx, p.matter, MOTION_MAIN, "", VOTE_SECRET, NULL, &secret),
			 DV_EINVAL);
	assert_ok(ctx, motion_record(ctx, id, 6, 0, 0));
	assert_ok(ctx, motion_add(ctx, p.matter, MOTION_MAIN, "", VOTE_SECRET, NULL, &secret));
	struct matter mt;
	struct meeting m;
	assert_ok(ctx, meeting_get(ctx, p.matter, &mt, &m));
	assert_int_equal(m.nmotions, 2);
	assert_string_equal(m.motions[0].members, "Nguyễn An\nTrần Bình\nLê Chi");
	assert_int_equal(m.motions[1].method, VOTE_SECRET);
	test_ctx_free(ctx);
}

static void no_quorum_sends_the_matter_to_ballots(void **state)
{
	(void)state;
	struct dv_ctx *ctx = test_ctx_new();
	struct place p;
	struct matter mt, follow;
	int64_t next;
	place_build(ctx, &p, 6, MT_CONTRIBUTIONS);
	ctx->now = at(20261210, 19);
	assert_ok(ctx, meeting_open(ctx, p.matter, "Trưởng khu phố", "Thư ký"));
	check_in(ctx, &p, 3);
	assert_ok(ctx, meeting_close(ctx, p.matter, ctx->now + 7 * 86400, &next));
	assert_true(next > 0);
	ctx->actor = &actor_anonymous;
	assert_ok(ctx, matter_get(ctx, p.matter, &mt));
	assert_int_equal(mt.status, MS_CLOSED);
	assert_false(mt.result_voted);
	assert_non_null(strstr(matter_reason(ctx, &mt), "Only 3 of 6"));
	assert_ok(ctx, matter_get(ctx, next, &follow));
	assert_int_equal(follow.form, FORM_BALLOT);
	assert_int_equal(follow.status, MS_OPEN);
	assert_int_equal(follow.eligible, 6);
	assert_string_equal(follow.title, mt.title);
	test_ctx_free(ctx);
}

static void community_rules_wait_for_a_new_meeting(void **state)
{
	(void)state;
	struct dv_ctx *ctx = test_ctx_new();
	struct place p;
	int64_t next = -1;
	place_build(ctx, &p, 6, MT_RULES);
	ctx->now = at(20261210, 19);
	assert_ok(ctx, meeting_open(ctx, p.matter, "Trưởng khu phố", "Thư ký"));
	check_in(ctx, &p, 2);
	assert_ok(ctx, meeting_close(ctx, p.matter, ctx->now + 7 * 86400, &next));
	assert_int_equal(next, 0);
	test_ctx_free(ctx);
}

/* A head browsing in English still posts the community's notice in the
 * community's language. */
static void the_invitation_is_written_in_vietnamese(void **state)
{
	(void)state;
	assert_int_equal(i18n_init(), 0);
	struct dv_ctx *ctx = test_ctx_new();
	struct test_tree t;
	test_tree_build(ctx, &t);
	ctx->now = at(20261201, 9);
	test_household(ctx, t.dong_tac, "Số 1 Đông Tác", 1);
	ctx->actor = test_actor(ctx, ROLE_HEAD, t.dong_tac, 0);
	ctx_set_lang(ctx, "en");
	struct matter_input in = {.unit_id = t.dong_tac, .type = MT_RULES, .form = "meeting",
				  .title = "Hương ước khu phố", .body = "Dự thảo"};
	int64_t id;
	struct matter mt;
	struct meeting m;
	struct notice n;
	assert_ok(ctx, matter_create(ctx, &in, &id));
	assert_ok(ctx, meeting_schedule(ctx, id, at(20261210, 19), "Nhà văn hóa"));
	assert_ok(ctx, meeting_get(ctx, id, &mt, &m));
	assert_ok(ctx, notice_get(ctx, m.notice_id, &n));
	assert_string_equal(n.title, "Họp cộng đồng dân cư: Hương ước khu phố");
	assert_non_null(strstr(n.body, "Cộng đồng dân cư họp"));
	test_ctx_free(ctx);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(scheduling_posts_the_invitation),
		cmocka_unit_test(the_register_opens_on_the_day),
		cmocka_unit_test(invitation_codes_check_in_once),
		cmocka_unit_test(a_motion_needs_more_than_half_of_those_present),
		cmocka_unit_test(one_more_than_half_of_those_present_passes),
		cmocka_unit_test(a_secret_ballot_needs_a_counting_committee),
		cmocka_unit_test(no_quorum_sends_the_matter_to_ballots),
		cmocka_unit_test(community_rules_wait_for_a_new_meeting),
		/* last: it loads the translations, which the others read untranslated */
		cmocka_unit_test(the_invitation_is_written_in_vietnamese),
	};
	return test_run(tests);
}
