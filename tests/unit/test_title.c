/*
 * Cultural titles (domain/titles/title.h): a year of "Gia đình văn hóa" in a
 * ward, every step at its boundary: registration, an exclusion recorded by
 * the ward and never shown, the community's meeting (no count without a
 * quorum; exactly half of those present is not enough, one more is), the
 * proposal, the decision on 25 November and not the 26th, the list
 * published on the 15th day and late on the 16th, the public figures, and
 * a household's consecutive years. The clock is pinned to the year 2030.
 */
#include "testlib.h"

#include <string.h>

#include "base/date.h"
#include "domain/decide/matter.h"
#include "domain/decide/meeting.h"
#include "domain/disclose/notice.h"
#include "domain/perm.h"
#include "domain/registry/org.h"
#include "domain/titles/title.h"

#define Y 2030

static int64_t at(int32_t ymd, int hour)
{
	return time_local_midnight(ymd) + hour * 3600;
}

struct ward {
	struct test_tree t;
	int64_t hh[9];
	const struct actor *officer, *head;
};

/* Nine households in Đông Tác, two in Chiêu Liêu; the clock on 10 January. */
static void ward_build(struct dv_ctx *ctx, struct ward *w, int year)
{
	test_tree_build(ctx, &w->t);
	ctx->now = at(year * 10000 + 110, 9);
	for (int i = 0; i < 9; i++)
		w->hh[i] = test_household(ctx, w->t.dong_tac,
					  arena_printf(ctx->arena, "Số %d Đông Tác", i + 1), 2);
	test_household(ctx, w->t.chieu_lieu, "Số 1 Chiêu Liêu", 1);
	test_household(ctx, w->t.chieu_lieu, "Số 2 Chiêu Liêu", 1);
	w->officer = test_actor(ctx, ROLE_WARD_OFFICER, w->t.tdh, 0);
	w->head = test_actor(ctx, ROLE_HEAD, w->t.dong_tac, 0);
}

static int64_t candidate_of(struct dv_ctx *ctx, int64_t round, int64_t household)
{
	int64_t id = 0;
	assert_ok(ctx, db_int(ctx->db, &id, &ctx->err,
			      "SELECT id FROM title_candidate WHERE round_id = $1 AND ref = $2",
			      DB_I(round), DB_I(household)));
	return id;
}

/* Open a round, register households 0..5, call the meeting for 1 March. */
static int64_t round_with_meeting(struct dv_ctx *ctx, struct ward *w, int year, int64_t *matter)
{
	int64_t round;
	size_t added;
	ctx->actor = w->officer;
	assert_ok(ctx, title_round_open(ctx, "family", w->t.tdh, year, &round));
	ctx->actor = w->head;
	assert_ok(ctx, title_register(ctx, round, w->hh, 6, &added));
	assert_int_equal(added, 6);
	assert_ok(ctx, title_meeting_call(ctx, round, w->t.dong_tac, at(year * 10000 + 301, 19),
					  "Nhà văn hóa khu phố Đông Tác", matter));
	return round;
}

/* The meeting in session with the first k households present. */
static void meeting_with(struct dv_ctx *ctx, struct ward *w, int64_t matter, int year, int k)
{
	ctx->now = at(year * 10000 + 301, 19);
	ctx->actor = w->head;
	assert_ok(ctx, meeting_open(ctx, matter, "Trưởng khu phố", "Thư ký"));
	for (int i = 0; i < k; i++)
		assert_ok(ctx, meeting_check_in(ctx, matter, w->hh[i], NULL));
}

static void close_meeting(struct dv_ctx *ctx, int64_t matter, int64_t yes)
{
	int64_t motion;
	assert_ok(ctx, motion_add(ctx, matter, MOTION_MAIN, "Thông qua danh sách đề nghị", VOTE_HANDS,
				  NULL, &motion));
	assert_ok(ctx, motion_record(ctx, motion, yes, 0, 0));
	assert_ok(ctx, meeting_close(ctx, matter, 0, NULL));
}

static void opening_a_round(void **state)
{
	(void)state;
	struct dv_ctx *ctx = test_ctx_new();
	struct ward w;
	ward_build(ctx, &w, Y);
	int64_t id;
	ctx->actor = w.head;
	assert_int_equal(title_round_open(ctx, "family", w.t.tdh, Y, &id), DV_EPERM);
	ctx->actor = w.officer;
	assert_int_equal(title_round_open(ctx, "family", w.t.dong_tac, Y, &id), DV_EINVAL);
	assert_string_equal(ctx->err.field, "unit");
	assert_int_equal(title_round_open(ctx, "family", w.t.tdh, Y - 1, &id), DV_EINVAL);
	assert_string_equal(ctx->err.field, "year");
	assert_int_equal(title_round_open(ctx, "gold", w.t.tdh, Y, &id), DV_EINVAL);
	assert_string_equal(ctx->err.field, "kind");
	assert_ok(ctx, title_round_open(ctx, "family", w.t.tdh, Y, &id));
	assert_int_equal(title_round_open(ctx, "family", w.t.tdh, Y, &id), DV_ECONFLICT);
	/* an exemplary ward is the city's to decide */
	assert_int_equal(title_round_open(ctx, "commune", w.t.tdh, Y, &id), DV_EINVAL);
	struct title_round r;
	assert_ok(ctx, title_round_get(ctx, id, &r));
	assert_int_equal(r.deadline, Y * 10000 + 1125);
	assert_int_equal(r.kind.ncriteria, 3);
	assert_true(r.kind.by_meeting);
	/* not public before its list is */
	ctx->actor = &actor_anonymous;
	assert_int_equal(title_round_get(ctx, id, &r), DV_ENOTFOUND);
	test_ctx_free(ctx);
}

static void the_meeting_proposes_households(void **state)
{
	(void)state;
	struct dv_ctx *ctx = test_ctx_new();
	struct ward w;
	ward_build(ctx, &w, Y);
	int64_t matter, far;
	int64_t round = round_with_meeting(ctx, &w, Y, &matter);
	/* a head registers only its own community's households */
	assert_ok(ctx, db_int(ctx->db, &far, &ctx->err,
			      "SELECT id FROM household WHERE unit_id = $1 LIMIT 1",
			      DB_I(w.t.chieu_lieu)));
	assert_int_equal(title_register(ctx, round, &far, 1, NULL), DV_EPERM);
	/* the ward excludes household 5; the head may not */
	int64_t c5 = candidate_of(ctx, round, w.hh[5]);
	assert_int_equal(title_exclude(ctx, c5, "social_evils", "Đánh bạc"), DV_EPERM);
	ctx->actor = w.officer;
	assert_int_equal(title_exclude(ctx, c5, "rumour", ""), DV_EINVAL);
	assert_ok(ctx, title_exclude(ctx, c5, "social_evils", "Bị xử phạt vì đánh bạc"));
	/* four of nine present: no quorum, no count */
	meeting_with(ctx, &w, matter, Y, 4);
	int64_t c0 = candidate_of(ctx, round, w.hh[0]), c1 = candidate_of(ctx, round, w.hh[1]);
	assert_int_equal(title_vote(ctx, c0, 4, 0, 0), DV_ECONFLICT);
	assert_ok(ctx, meeting_check_in(ctx, matter, w.hh[4], NULL));
	assert_ok(ctx, meeting_check_in(ctx, matter, w.hh[6], NULL)); /* six present */
	/* exactly half of those present is not a majority; one more is */
	assert_ok(ctx, title_vote(ctx, c0, 3, 3, 0));
	assert_ok(ctx, title_vote(ctx, c1, 4, 2, 0));
	assert_int_equal(title_vote(ctx, c1, 5, 2, 0), DV_EINVAL); /* 7 of 6 present */
	assert_int_equal(title_vote(ctx, c1, -1, 2, 0), DV_EINVAL);
	assert_int_equal(title_vote(ctx, c5, 6, 0, 0), DV_ECONFLICT); /* excluded */
	struct title_candidate *v;
	size_t n;
	assert_ok(ctx, title_candidates(ctx, round, w.t.dong_tac, &v, &n));
	assert_int_equal(n, 6);
	int seen = 0;
	for (size_t i = 0; i < n; i++) {
		if (v[i].id == c0)
			assert_int_equal(v[i].status, TC_NOT_PROPOSED), seen++;
		if (v[i].id == c1)
			assert_int_equal(v[i].status, TC_PROPOSED), seen++;
		if (v[i].id == c5)
			assert_int_equal(v[i].status, TC_EXCLUDED), seen++;
	}
	assert_int_equal(seen, 3);
	/* no proposal while the meeting sits, nor with households left uncounted */
	assert_int_equal(title_propose(ctx, round, w.t.dong_tac), DV_ECONFLICT);
	for (int i = 2; i < 5; i++)
		assert_ok(ctx, title_vote(ctx, candidate_of(ctx, round, w.hh[i]), 5, 1, 0));
	close_meeting(ctx, matter, 6);
	assert_int_equal(title_vote(ctx, c0, 6, 0, 0), DV_ECONFLICT); /* not in session */
	assert_ok(ctx, title_propose(ctx, round, w.t.dong_tac));
	assert_int_equal(title_propose(ctx, round, w.t.dong_tac), DV_ECONFLICT);
	/* the public never sees the candidates */
	ctx->actor = &actor_anonymous;
	assert_int_equal(title_candidates(ctx, round, 0, &v, &n), DV_ENOTFOUND);
	test_ctx_free(ctx);
}

/* A round of Đông Tác with households 1..4 proposed and sent up. */
static int64_t proposed_round(struct dv_ctx *ctx, struct ward *w, int year)
{
	int64_t matter;
	int64_t round = round_with_meeting(ctx, w, year, &matter);
	meeting_with(ctx, w, matter, year, 6);
	assert_ok(ctx, title_vote(ctx, candidate_of(ctx, round, w->hh[0]), 1, 5, 0));
	for (int i = 1; i < 6; i++)
		assert_ok(ctx, title_vote(ctx, candidate_of(ctx, round, w->hh[i]), 6, 0, 0));
	close_meeting(ctx, matter, 6);
	assert_ok(ctx, title_propose(ctx, round, w->t.dong_tac));
	return round;
}

static void decided_by_25_november_published_within_15_days(void **state)
{
	(void)state;
	struct dv_ctx *ctx = test_ctx_new();
	struct ward w;
	ward_build(ctx, &w, Y);
	int64_t round = proposed_round(ctx, &w, Y);
	ctx->now = at(Y * 10000 + 1201, 9);
	ctx->actor = w.head;
	assert_int_equal(title_decide(ctx, round, "12/QĐ-UBND", "25/11/2030", "Nguyễn Văn A"),
			 DV_EPERM);
	ctx->actor = w.officer;
	assert_int_equal(title_decide(ctx, round, "12/QĐ-UBND", "26/11/2030", "Nguyễn Văn A"),
			 DV_EINVAL);
	assert_string_equal(ctx->err.field, "decided_on");
	assert_non_null(strstr(ctx->err.msg, "title_deadline"));
	assert_int_equal(title_decide(ctx, round, "12/QĐ-UBND", "02/12/2030", "Nguyễn Văn A"),
			 DV_EINVAL); /* not signed yet */
	assert_int_equal(title_decide(ctx, round, "", "25/11/2030", "Nguyễn Văn A"), DV_EINVAL);
	assert_string_equal(ctx->err.field, "number");
	int late = -1;
	assert_int_equal(title_publish(ctx, round, &late), DV_ECONFLICT); /* not decided */
	assert_ok(ctx, title_decide(ctx, round, "12/QĐ-UBND", "25/11/2030", "Nguyễn Văn A"));
	assert_int_equal(title_decide(ctx, round, "13/QĐ-UBND", "25/11/2030", "B"), DV_ECONFLICT);
	struct title_round r;
	assert_ok(ctx, title_round_get(ctx, round, &r));
	assert_int_equal(r.status, TR_DECIDED);
	assert_int_equal(r.awarded, 5);
	assert_int_equal(r.publish_by, Y * 10000 + 1210);
	/* on the 15th day it is on time */
	ctx->now = at(Y * 10000 + 1210, 16);
	assert_ok(ctx, title_publish(ctx, round, &late));
	assert_int_equal(late, 0);
	assert_int_equal(title_publish(ctx, round, &late), DV_ECONFLICT);
	assert_ok(ctx, title_round_get(ctx, round, &r));
	assert_int_equal(r.status, TR_PUBLISHED);
	assert_false(r.late);
	/* the list is a public notice of the ward: its reach counts */
	ctx->actor = &actor_anonymous;
	struct notice nt;
	assert_ok(ctx, notice_get(ctx, r.notice_id, &nt));
	assert_int_equal(nt.unit_id, w.t.tdh);
	assert_non_null(strstr(nt.title, "Gia đình văn hóa"));
	assert_non_null(strstr(nt.body, "12/QĐ-UBND"));
	assert_non_null(strstr(nt.body, "**Đông Tác**"));
	/* the public: rates per community, never who failed */
	assert_ok(ctx, title_round_get(ctx, round, &r));
	struct title_tally *tv;
	size_t n;
	assert_ok(ctx, title_tallies(ctx, round, &tv, &n));
	assert_int_equal(n, 2);
	assert_string_equal(tv[0].unit_name, "Chiêu Liêu");
	assert_int_equal(tv[0].households, 2);
	assert_int_equal(tv[0].awarded, 0);
	assert_string_equal(tv[1].unit_name, "Đông Tác");
	assert_int_equal(tv[1].households, 9);
	assert_int_equal(tv[1].registered, 6);
	assert_int_equal(tv[1].awarded, 5);
	struct title_candidate *cv;
	assert_int_equal(title_candidates(ctx, round, 0, &cv, &n), DV_EPERM);
	test_ctx_free(ctx);
}

static void published_on_the_16th_day_is_late(void **state)
{
	(void)state;
	struct dv_ctx *ctx = test_ctx_new();
	struct ward w;
	ward_build(ctx, &w, Y);
	int64_t round = proposed_round(ctx, &w, Y);
	ctx->now = at(Y * 10000 + 1110, 9);
	ctx->actor = w.officer;
	assert_ok(ctx, title_decide(ctx, round, "9/QĐ-UBND", "01/11/2030", "Nguyễn Văn A"));
	struct title_round r;
	ctx->now = at(Y * 10000 + 1116, 23); /* the 15th day after 01/11 */
	assert_ok(ctx, title_round_get(ctx, round, &r));
	assert_int_equal(r.publish_by, Y * 10000 + 1116);
	assert_false(r.late);
	ctx->now = at(Y * 10000 + 1117, 9); /* the 16th: late, published all the same */
	assert_ok(ctx, title_round_get(ctx, round, &r));
	assert_true(r.late);
	int late = 0;
	assert_ok(ctx, title_publish(ctx, round, &late));
	assert_int_equal(late, 1);
	assert_ok(ctx, title_round_get(ctx, round, &r));
	assert_true(r.late);
	test_ctx_free(ctx);
}

static void a_household_sees_its_consecutive_years(void **state)
{
	(void)state;
	struct dv_ctx *ctx = test_ctx_new();
	struct ward w;
	ward_build(ctx, &w, Y);
	for (int y = Y; y < Y + 3; y++) {
		if (y > Y)
			ctx->now = at(y * 10000 + 110, 9);
		int64_t round = proposed_round(ctx, &w, y);
		ctx->now = at(y * 10000 + 1120, 9);
		ctx->actor = w.officer;
		assert_ok(ctx, title_decide(ctx, round, arena_printf(ctx->arena, "%d/QĐ-UBND", y),
					    arena_printf(ctx->arena, "20/11/%d", y), "Chủ tịch"));
		int late;
		assert_ok(ctx, title_publish(ctx, round, &late));
	}
	struct title_held *v;
	size_t n;
	int consecutive;
	ctx->actor = test_actor(ctx, ROLE_REPRESENTATIVE, w.t.dong_tac, w.hh[1]);
	assert_ok(ctx, title_household(ctx, w.hh[1], &v, &n, &consecutive));
	assert_int_equal(n, 3);
	assert_int_equal(consecutive, 3);
	assert_int_equal(v[0].year, Y + 2);
	assert_string_equal(v[0].name, "Gia đình văn hóa");
	/* household 0 was never proposed */
	ctx->actor = test_actor(ctx, ROLE_REPRESENTATIVE, w.t.dong_tac, w.hh[0]);
	assert_ok(ctx, title_household(ctx, w.hh[0], &v, &n, &consecutive));
	assert_int_equal(n, 0);
	assert_int_equal(consecutive, 0);
	/* nor may it look at its neighbor's */
	assert_int_equal(title_household(ctx, w.hh[1], &v, &n, &consecutive), DV_ENOTFOUND);
	test_ctx_free(ctx);
}

static void agencies_are_evaluated_by_the_city(void **state)
{
	(void)state;
	struct dv_ctx *ctx = test_ctx_new();
	struct test_tree t;
	test_tree_build(ctx, &t);
	ctx->now = at(Y * 10000 + 110, 9);
	int64_t org, round;
	assert_ok(ctx, org_create(ctx, t.tdh, ORG_AGENCY, "Văn phòng HĐND và UBND phường", &org));
	ctx->actor = test_actor(ctx, ROLE_CITY_ADMIN, t.city, 0);
	assert_int_equal(title_round_open(ctx, "agency", t.tdh, Y, &round), DV_EINVAL);
	assert_ok(ctx, title_round_open(ctx, "agency", t.city, Y, &round));
	assert_ok(ctx, title_register(ctx, round, &org, 1, NULL));
	assert_int_equal(title_register(ctx, round, &t.dong_tac, 1, NULL), DV_EINVAL);
	int64_t c;
	assert_ok(ctx, db_int(ctx->db, &c, &ctx->err,
			      "SELECT id FROM title_candidate WHERE round_id = $1", DB_I(round)));
	assert_int_equal(title_evaluate(ctx, c, 0, ""), DV_EINVAL); /* a no needs a reason */
	assert_ok(ctx, title_evaluate(ctx, c, 1, "Đạt cả bốn tiêu chuẩn"));
	ctx->now = at(Y * 10000 + 1201, 9);
	assert_ok(ctx, title_decide(ctx, round, "1/QĐ-UBND", "20/11/2030", "Chủ tịch thành phố"));
	struct title_round r;
	assert_ok(ctx, title_round_get(ctx, round, &r));
	assert_int_equal(r.awarded, 1);
	test_ctx_free(ctx);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(opening_a_round),
		cmocka_unit_test(the_meeting_proposes_households),
		cmocka_unit_test(decided_by_25_november_published_within_15_days),
		cmocka_unit_test(published_on_the_16th_day_is_late),
		cmocka_unit_test(a_household_sees_its_consecutive_years),
		cmocka_unit_test(agencies_are_evaluated_by_the_city),
	};
	return test_run(tests);
}
