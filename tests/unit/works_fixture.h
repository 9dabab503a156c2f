/*
 * What the tests of domain/works/ share: a community of households in Đông
 * Tác with its head, the community's decision on contributions (household
 * ballots, passed), its election of supervision board members (a meeting,
 * passed), accounts for the board, and a work collecting under that
 * decision. The clock is pinned at 01/12/2026 and moves as the steps need.
 */
#ifndef DV_TEST_WORKS_FIXTURE_H
#define DV_TEST_WORKS_FIXTURE_H

#include "testlib.h"

#include <string.h>

#include "base/date.h"
#include "domain/decide/matter.h"
#include "domain/decide/meeting.h"
#include "domain/identity/account.h"
#include "domain/perm.h"
#include "domain/registry/household.h"
#include "domain/works/board.h"
#include "domain/works/ledger.h"
#include "domain/works/work.h"

#define WFX_HOUSEHOLDS 10
#define WFX_MEMBERS    7

struct wfx {
	struct test_tree t;
	int64_t hh[WFX_HOUSEHOLDS];
	const struct actor *head, *ward, *front, *other_ward;
	int64_t decision;	       /* Art. 15 type 1, passed by household ballots */
	int64_t election;	       /* Art. 15 type 5, passed at a meeting */
	int64_t accounts[WFX_MEMBERS]; /* bs1@test ... for board members */
	const char *logins[WFX_MEMBERS];
};

/* A representative of household i. */
static inline const struct actor *wfx_rep(struct dv_ctx *ctx, struct wfx *f, int i)
{
	return test_actor(ctx, ROLE_REPRESENTATIVE, f->t.dong_tac, f->hh[i]);
}

/* A matter of type 1 by household ballots with `yes` households agreeing
 * out of WFX_HOUSEHOLDS, closed; the clock moves on 8 days. */
static inline int64_t wfx_decide(struct dv_ctx *ctx, struct wfx *f, int yes)
{
	struct matter_input in = {.unit_id = f->t.dong_tac,
				  .type = MT_CONTRIBUTIONS,
				  .form = "ballot",
				  .title = "Mức đóng góp bê tông hóa hẻm 5",
				  .body = "Mỗi hộ 1.500.000 ₫; hộ nghèo được miễn."};
	int64_t id;
	ctx->actor = f->head;
	assert_ok(ctx, matter_create(ctx, &in, &id));
	assert_ok(ctx, matter_open(ctx, id, ctx->now + 7 * 86400));
	for (int i = 0; i < yes; i++) {
		ctx->actor = wfx_rep(ctx, f, i);
		assert_ok(ctx, ballot_cast(ctx, id, "yes", NULL));
	}
	ctx->now += 8 * 86400;
	struct matter m;
	ctx->actor = &actor_anonymous;
	assert_ok(ctx, matter_get(ctx, id, &m));
	assert_int_equal(m.status, MS_CLOSED);
	return id;
}

/* A matter of type 5 decided at a meeting all households came to, `yes`
 * of them agreeing. */
static inline int64_t wfx_elect(struct dv_ctx *ctx, struct wfx *f, int yes)
{
	struct matter_input in = {.unit_id = f->t.dong_tac,
				  .type = MT_BOARDS,
				  .form = "meeting",
				  .title = "Bầu thành viên Ban giám sát đầu tư của cộng đồng",
				  .body = "Bầu năm người dân vào Ban giám sát."};
	int64_t id, motion;
	ctx->actor = f->head;
	assert_ok(ctx, matter_create(ctx, &in, &id));
	int64_t starts = time_local_midnight(time_local_date(ctx->now)) + 2 * 86400 + 19 * 3600;
	assert_ok(ctx, meeting_schedule(ctx, id, starts, "Nhà văn hóa khu phố"));
	ctx->now = starts;
	assert_ok(ctx, meeting_open(ctx, id, "Trưởng khu phố", "Thư ký"));
	for (int i = 0; i < WFX_HOUSEHOLDS; i++)
		assert_ok(ctx, meeting_check_in(ctx, id, f->hh[i], NULL));
	assert_ok(ctx, motion_add(ctx, id, MOTION_MAIN, "", VOTE_HANDS, NULL, &motion));
	assert_ok(ctx, motion_record(ctx, motion, yes, WFX_HOUSEHOLDS - yes, 0));
	ctx->now += 3600;
	assert_ok(ctx, meeting_close(ctx, id, 0, NULL));
	return id;
}

static inline void wfx_build(struct dv_ctx *ctx, struct wfx *f)
{
	memset(f, 0, sizeof(*f));
	test_tree_build(ctx, &f->t);
	ctx->now = time_local_midnight(20261201) + 9 * 3600;
	ctx->actor = &actor_system;
	for (int i = 0; i < WFX_HOUSEHOLDS; i++) {
		int64_t rep = 0;
		f->hh[i] = test_household(
			ctx, f->t.dong_tac,
			arena_printf(ctx->arena, "Số %d/4, hẻm 5 Đông Tác", i + 1), 2);
		assert_ok(ctx, household_update(ctx, f->hh[i], NULL,
						arena_printf(ctx->arena, "HK-DT-%03d", i + 1)));
		assert_ok(ctx, db_int(ctx->db, &rep, &ctx->err,
				      "SELECT MIN(id) FROM resident WHERE household_id = $1",
				      DB_I(f->hh[i])));
		assert_ok(ctx, household_set_representative(ctx, f->hh[i], rep));
	}
	for (int i = 0; i < WFX_MEMBERS; i++) {
		f->logins[i] = arena_printf(ctx->arena, "bs%d@test", i + 1);
		ctx->actor = &actor_system;
		assert_ok(ctx, account_create(ctx, f->logins[i],
					      arena_printf(ctx->arena, "Thành viên %d", i + 1),
					      "mat-khau-ban-giam-sat", 0, &f->accounts[i]));
	}
	f->head = test_actor(ctx, ROLE_HEAD, f->t.dong_tac, 0);
	f->ward = test_actor(ctx, ROLE_WARD_OFFICER, f->t.tdh, 0);
	f->front = test_actor(ctx, ROLE_FRONT, f->t.dong_tac, 0);
	f->other_ward = test_actor(ctx, ROLE_WARD_OFFICER, f->t.binh_an, 0);
	f->decision = wfx_decide(ctx, f, 6);
	f->election = wfx_elect(ctx, f, 8);
}

/* Board member i acting (an actor with the account and no grant). */
static inline const struct actor *wfx_member(struct dv_ctx *ctx, struct wfx *f, int i)
{
	struct actor *a = arena_new(ctx->arena, struct actor);
	a->account_id = f->accounts[i];
	a->display_name = "";
	return a;
}

/* A planned work of the community, estimated at 100.000.000 ₫. */
static inline int64_t wfx_plan(struct dv_ctx *ctx, struct wfx *f)
{
	struct work_input in = {.unit_id = f->t.dong_tac,
				.kind = "alley_concrete",
				.name = "Bê tông hóa hẻm 5",
				.place = "Hẻm 5, khu phố Đông Tác",
				.goal = "Đổ bê tông 120 m hẻm, lắp 4 đèn.",
				.estimate = "100.000.000"};
	in.outputs[OUT_ALLEY_M] = "120";
	in.outputs[OUT_LIGHTS] = "4";
	in.funding[FUND_HOUSEHOLDS] = "15.000.000";
	in.funding[FUND_BUDGET] = "85.000.000";
	int64_t id;
	ctx->actor = f->head;
	assert_ok(ctx, work_create(ctx, &in, &id));
	return id;
}

/* A work collecting 1.500.000 ₫ per household under the passed decision. */
static inline int64_t wfx_work(struct dv_ctx *ctx, struct wfx *f)
{
	int64_t id = wfx_plan(ctx, f);
	ctx->actor = f->head;
	assert_ok(ctx, work_set_decision(ctx, id, f->decision, "per_household", "1.500.000"));
	assert_ok(ctx, work_start_collecting(ctx, id));
	return id;
}

/* The board: a head from the front committee, a deputy from the
 * inspection board, three residents elected at the meeting; accounts
 * bs1..bs5. Set up by the front committee. */
static inline void wfx_board(struct dv_ctx *ctx, struct wfx *f, int64_t work)
{
	struct board_member_input m[5] = {
		{"Nguyễn Văn Bình", "head", "front", 0, f->logins[0]},
		{"Trần Thị Cúc", "deputy", "inspection", 0, f->logins[1]},
		{"Lê Văn Dũng", "member", "resident", f->election, f->logins[2]},
		{"Phạm Thị Én", "member", "resident", f->election, f->logins[3]},
		{"Hồ Văn Giàu", "member", "resident", f->election, f->logins[4]},
	};
	ctx->actor = f->front;
	assert_ok(ctx, board_set(ctx, work, m, 5));
}

/* Record an entry as `who`; returns the code and the id in *id. */
static inline int wfx_entry(struct dv_ctx *ctx, const struct actor *who, int64_t work,
			    const struct entry_input *in, int64_t *id)
{
	ctx->actor = who;
	return entry_record(ctx, work, in, id);
}

/* A household's cash contribution. */
static inline int64_t wfx_give(struct dv_ctx *ctx, struct wfx *f, int64_t work, int i,
			       const char *amount)
{
	struct entry_input in = {.kind = "contribution",
				 .household_id = f->hh[i],
				 .amount = amount,
				 .method = "cash"};
	int64_t id;
	assert_ok(ctx, wfx_entry(ctx, f->head, work, &in, &id));
	return id;
}

static inline struct work wfx_get(struct dv_ctx *ctx, int64_t id)
{
	struct work w;
	assert_ok(ctx, work_get(ctx, id, &w));
	return w;
}

#endif
