/*
 * The People's Inspection Board (domain/reports/board.c, inspection.c):
 * members elected at community meetings (type 5, through domain/decide),
 * the two rules refused by name on both sides of their numbers, the
 * board's cases, findings and recommendations, the authority's answers and
 * their deadline, and what the public does not see. Both engines.
 */
#include "testlib.h"

#include <string.h>

#include "base/date.h"
#include "domain/decide/matter.h"
#include "domain/decide/meeting.h"
#include "domain/perm.h"
#include "domain/reports/board.h"
#include "domain/reports/category.h"
#include "domain/reports/inspection.h"
#include "domain/reports/report.h"
#include "domain/rules.h"

static int64_t at(int32_t ymd, int hour)
{
	return time_local_midnight(ymd) + hour * 3600;
}

struct place {
	struct test_tree t;
	int64_t dt_hh[3], cl_hh[2];
	const struct actor *officer, *inspector, *resident, *other_officer;
	int64_t dt_election, cl_election;
};

/* A matter of `type` in unit, decided at a meeting where every household
 * of `hh` came and agreed; the clock moves two days. */
static int64_t decide(struct dv_ctx *ctx, int64_t unit, const int64_t *hh, int n, int type,
		      const char *title)
{
	const struct actor *was = ctx->actor;
	ctx->actor = test_actor(ctx, ROLE_HEAD, unit, 0);
	struct matter_input in = {.unit_id = unit,
				  .type = type,
				  .form = "meeting",
				  .title = title,
				  .body = "Hội nghị bầu thành viên Ban Thanh tra nhân dân."};
	int64_t id = 0, motion = 0;
	assert_ok(ctx, matter_create(ctx, &in, &id));
	int64_t starts = ctx->now + 2 * 86400;
	assert_ok(ctx, meeting_schedule(ctx, id, starts, "Nhà văn hóa"));
	ctx->now = starts;
	assert_ok(ctx, meeting_open(ctx, id, "Chủ trì", "Thư ký"));
	for (int i = 0; i < n; i++)
		assert_ok(ctx, meeting_check_in(ctx, id, hh[i], NULL));
	assert_ok(ctx, motion_add(ctx, id, MOTION_MAIN, "", VOTE_HANDS, NULL, &motion));
	assert_ok(ctx, motion_record(ctx, motion, n, 0, 0));
	ctx->now += 3600;
	assert_ok(ctx, meeting_close(ctx, id, 0, NULL));
	ctx->actor = was;
	return id;
}

static void place_build(struct dv_ctx *ctx, struct place *p)
{
	test_tree_build(ctx, &p->t);
	ctx->now = at(20260302, 9);
	for (int i = 0; i < 3; i++)
		p->dt_hh[i] = test_household(ctx, p->t.dong_tac,
					     arena_printf(ctx->arena, "Số %d Đông Tác", i + 1), 1);
	for (int i = 0; i < 2; i++)
		p->cl_hh[i] =
			test_household(ctx, p->t.chieu_lieu,
				       arena_printf(ctx->arena, "Số %d Chiêu Liêu", i + 1), 1);
	p->officer = test_actor(ctx, ROLE_WARD_OFFICER, p->t.tdh, 0);
	p->inspector = test_actor(ctx, ROLE_INSPECTOR, p->t.tdh, 0);
	p->resident = test_actor(ctx, ROLE_REPRESENTATIVE, p->t.dong_tac, p->dt_hh[0]);
	p->other_officer = test_actor(ctx, ROLE_WARD_OFFICER, p->t.binh_an, 0);
	p->dt_election = decide(ctx, p->t.dong_tac, p->dt_hh, 3, MT_BOARDS,
				"Bầu thành viên Ban TTND khu phố Đông Tác");
	p->cl_election = decide(ctx, p->t.chieu_lieu, p->cl_hh, 2, MT_BOARDS,
				"Bầu thành viên Ban TTND khu phố Chiêu Liêu");
}

static void add(struct dv_ctx *ctx, struct place *p, int64_t matter, const char *name,
		const char *position)
{
	ctx->actor = p->officer;
	assert_ok(ctx, board_member_add(ctx, p->t.tdh, matter, name, position, NULL));
}

static void members_come_from_meetings_of_type_5(void **state)
{
	(void)state;
	struct dv_ctx *ctx = test_ctx_new();
	struct place p;
	place_build(ctx, &p);
	struct board b;
	ctx->actor = &actor_anonymous;
	assert_ok(ctx, board_get(ctx, p.t.tdh, &b));
	assert_int_equal(b.status, BOARD_NONE);
	assert_int_equal(b.ncommunities, 2);
	assert_int_equal(board_get(ctx, p.t.dong_tac, &b), DV_ENOTFOUND);
	/* who may record */
	ctx->actor = p.inspector;
	assert_int_equal(board_member_add(ctx, p.t.tdh, p.dt_election, "A", NULL, NULL), DV_EPERM);
	ctx->actor = p.other_officer;
	assert_int_equal(board_member_add(ctx, p.t.tdh, p.dt_election, "A", NULL, NULL), DV_EPERM);
	/* which matters elect: type 5 at a meeting, closed and passed, in the ward */
	ctx->actor = p.officer;
	int64_t rules = decide(ctx, p.t.dong_tac, p.dt_hh, 3, MT_RULES, "Hương ước");
	assert_int_equal(board_member_add(ctx, p.t.tdh, rules, "A", NULL, NULL), DV_EINVAL);
	assert_string_equal(ctx->err.field, "matter");
	ctx->actor = &actor_system;
	int64_t far_hh = test_household(ctx, p.t.noi_hoa, "Số 1 Nội Hóa", 1);
	int64_t far = decide(ctx, p.t.noi_hoa, &far_hh, 1, MT_BOARDS, "Bầu Ban TTND Bình An");
	ctx->actor = p.officer;
	assert_int_equal(board_member_add(ctx, p.t.tdh, far, "A", NULL, NULL), DV_EINVAL);
	ctx->actor = test_actor(ctx, ROLE_HEAD, p.t.dong_tac, 0);
	struct matter_input in = {.unit_id = p.t.dong_tac,
				  .type = MT_BOARDS,
				  .form = "meeting",
				  .title = "Chưa họp",
				  .body = "x"};
	int64_t draft = 0;
	assert_ok(ctx, matter_create(ctx, &in, &draft));
	ctx->actor = p.officer;
	assert_int_equal(board_member_add(ctx, p.t.tdh, draft, "A", NULL, NULL), DV_EINVAL);
	assert_int_equal(board_member_add(ctx, p.t.tdh, p.dt_election, "", NULL, NULL), DV_EINVAL);
	assert_int_equal(board_member_add(ctx, p.t.tdh, p.dt_election, "A", "boss", NULL),
			 DV_EINVAL);
	add(ctx, &p, p.dt_election, "Nguyễn Văn An", "head");
	assert_int_equal(board_member_add(ctx, p.t.tdh, p.dt_election, "Nguyễn Văn An", NULL, NULL),
			 DV_ECONFLICT);
	ctx->actor = &actor_anonymous;
	assert_ok(ctx, board_get(ctx, p.t.tdh, &b));
	assert_int_equal(b.status, BOARD_FORMING);
	assert_int_equal(b.nmembers, 1);
	assert_string_equal(b.members[0].unit_name, "Đông Tác");
	assert_int_equal(b.members[0].position, MP_HEAD);
	test_ctx_free(ctx);
}

static void the_board_needs_five_members_and_one_per_community(void **state)
{
	(void)state;
	struct dv_ctx *ctx = test_ctx_new();
	struct place p;
	place_build(ctx, &p);
	/* four, all from Đông Tác: short of five */
	add(ctx, &p, p.dt_election, "Nguyễn Văn An", "head");
	add(ctx, &p, p.dt_election, "Trần Thị Bình", "deputy");
	add(ctx, &p, p.dt_election, "Lê Văn Cường", NULL);
	add(ctx, &p, p.dt_election, "Phạm Thị Dung", NULL);
	ctx->actor = p.officer;
	assert_int_equal(board_constitute(ctx, p.t.tdh), DV_EINVAL);
	assert_non_null(strstr(ctx->err.msg, "at least 5 members"));
	assert_non_null(strstr(ctx->err.msg, "has 4"));
	/* five, but none from Chiêu Liêu */
	add(ctx, &p, p.dt_election, "Hoàng Văn Em", NULL);
	ctx->actor = p.officer;
	assert_int_equal(board_constitute(ctx, p.t.tdh), DV_EINVAL);
	assert_non_null(strstr(ctx->err.msg, "Chiêu Liêu has 0"));
	/* one from Chiêu Liêu: constituted */
	add(ctx, &p, p.cl_election, "Võ Thị Giang", NULL);
	ctx->actor = p.inspector;
	assert_int_equal(board_constitute(ctx, p.t.tdh), DV_EPERM);
	ctx->actor = p.officer;
	assert_ok(ctx, board_constitute(ctx, p.t.tdh));
	assert_int_equal(board_constitute(ctx, p.t.tdh), DV_ECONFLICT);
	struct board b;
	assert_ok(ctx, board_get(ctx, p.t.tdh, &b));
	assert_int_equal(b.status, BOARD_ACTIVE);
	assert_int_equal(b.nmembers, 6);
	/* Chiêu Liêu's only member cannot leave: the rule names itself */
	int64_t giang = 0, an = 0;
	for (size_t i = 0; i < b.nmembers; i++) {
		if (!strcmp(b.members[i].name, "Võ Thị Giang"))
			giang = b.members[i].id;
		if (!strcmp(b.members[i].name, "Nguyễn Văn An"))
			an = b.members[i].id;
	}
	int64_t dismiss_cl = decide(ctx, p.t.chieu_lieu, p.cl_hh, 2, MT_BOARDS, "Miễn nhiệm");
	ctx->actor = p.officer;
	assert_int_equal(board_member_leave(ctx, giang, dismiss_cl), DV_EINVAL);
	assert_non_null(strstr(ctx->err.msg, "Chiêu Liêu has 0"));
	/* nor by another community's decision; Đông Tác dismisses its own, down
	 * to five, not below */
	assert_int_equal(board_member_leave(ctx, an, dismiss_cl), DV_EINVAL);
	int64_t dismiss_dt = decide(ctx, p.t.dong_tac, p.dt_hh, 3, MT_BOARDS, "Miễn nhiệm");
	ctx->actor = p.officer;
	assert_ok(ctx, board_member_leave(ctx, an, dismiss_dt));
	assert_ok(ctx, board_get(ctx, p.t.tdh, &b));
	assert_int_equal(b.nmembers, 5);
	assert_int_equal(board_member_leave(ctx, b.members[0].id, dismiss_dt), DV_EINVAL);
	assert_non_null(strstr(ctx->err.msg, "at least 5 members"));
	test_ctx_free(ctx);
}

static void the_numbers_are_rules_a_deployment_may_raise(void **state)
{
	(void)state;
	struct dv_ctx *ctx = test_ctx_new();
	struct place p;
	place_build(ctx, &p);
	const char *names[] = {"A", "B", "C", "D", "E"};
	for (int i = 0; i < 4; i++)
		add(ctx, &p, p.dt_election, names[i], NULL);
	add(ctx, &p, p.cl_election, names[4], NULL);
	ctx->actor = &actor_system;
	assert_int_equal(rule_value(ctx, RULE_BOARD_MEMBERS_MIN), 5);
	assert_int_equal(rule_value(ctx, RULE_BOARD_PER_COMMUNITY), 1);
	assert_ok(ctx, rule_set(ctx, RULE_BOARD_PER_COMMUNITY, 2));
	ctx->actor = p.officer;
	assert_int_equal(board_constitute(ctx, p.t.tdh), DV_EINVAL);
	assert_non_null(strstr(ctx->err.msg, "at least 2 member(s) from each"));
	ctx->actor = &actor_system;
	assert_ok(ctx, rule_set(ctx, RULE_BOARD_PER_COMMUNITY, 1));
	assert_ok(ctx, rule_set(ctx, RULE_BOARD_MEMBERS_MIN, 6));
	ctx->actor = p.officer;
	assert_int_equal(board_constitute(ctx, p.t.tdh), DV_EINVAL);
	ctx->actor = &actor_system;
	assert_ok(ctx, rule_set(ctx, RULE_BOARD_MEMBERS_MIN, 5));
	ctx->actor = p.officer;
	assert_ok(ctx, board_constitute(ctx, p.t.tdh));
	test_ctx_free(ctx);
}

static void build_active_board(struct dv_ctx *ctx, struct place *p)
{
	place_build(ctx, p);
	const char *names[] = {"Nguyễn Văn An", "Trần Thị Bình", "Lê Văn Cường", "Phạm Thị Dung"};
	for (int i = 0; i < 4; i++)
		add(ctx, p, p->dt_election, names[i], i ? NULL : "head");
	add(ctx, p, p->cl_election, "Võ Thị Giang", NULL);
	ctx->actor = p->officer;
	assert_ok(ctx, board_constitute(ctx, p->t.tdh));
}

static void the_board_inspects_and_the_authority_answers(void **state)
{
	(void)state;
	struct dv_ctx *ctx = test_ctx_new();
	struct place p;
	place_build(ctx, &p);
	/* not before it is constituted */
	ctx->actor = p.inspector;
	struct case_input own = {.source = "own",
				 .title = "Vệ sinh môi trường khu chợ",
				 .subject = "Việc thu gom rác ở khu chợ Đông Tác"};
	assert_int_equal(inspection_case_open(ctx, p.t.tdh, &own, NULL), DV_ECONFLICT);
	test_ctx_free(ctx);

	ctx = test_ctx_new();
	build_active_board(ctx, &p);
	int64_t report = 0;
	ctx->actor = &actor_anonymous;
	struct report_category cat;
	assert_ok(ctx, report_category_find(ctx, "rubbish", &cat));
	struct report_input rin = {.category_id = cat.id,
				   .unit_id = p.t.dong_tac,
				   .address = "Chợ Đông Tác",
				   .description = "Rác tồn đọng ba ngày",
				   .ip = "192.0.2.9"};
	assert_ok(ctx, report_create(ctx, &rin, &report, NULL));
	int64_t id = 0, complaint = 0, rec = 0;
	ctx->actor = p.officer; /* the authority is not the board */
	assert_int_equal(inspection_case_open(ctx, p.t.tdh, &own, &id), DV_EPERM);
	ctx->actor = p.inspector;
	struct case_input bad = own;
	bad.source = "report";
	bad.report_id = 999999;
	assert_int_equal(inspection_case_open(ctx, p.t.tdh, &bad, &id), DV_EINVAL);
	bad.source = "complaint";
	assert_int_equal(inspection_case_open(ctx, p.t.tdh, &bad, &id), DV_EINVAL);
	assert_string_equal(ctx->err.field, "complainant");
	struct case_input from_report = {.source = "report",
					 .report_id = report,
					 .title = "Rác tồn đọng ở chợ",
					 .subject = "Việc xử lý phản ánh về rác ở chợ Đông Tác"};
	assert_ok(ctx, inspection_case_open(ctx, p.t.tdh, &from_report, &id));
	struct case_input c2 = {.source = "complaint",
				.complainant = "Bà Sáu, số 3 hẻm 15",
				.title = "Thu phí vệ sinh",
				.subject = "Mức thu phí vệ sinh hộ kinh doanh"};
	assert_ok(ctx, inspection_case_open(ctx, p.t.tdh, &c2, &complaint));
	/* checks and findings, not in the future */
	struct buf tomorrow = BUF_INIT;
	date_format(&tomorrow, date_add_days(time_local_date(ctx->now), 1));
	assert_int_equal(inspection_entry_add(ctx, id, "finding", "x", tomorrow.ptr, NULL),
			 DV_EINVAL);
	buf_release(&tomorrow);
	assert_int_equal(inspection_entry_add(ctx, id, "rumour", "x", "", NULL), DV_EINVAL);
	assert_ok(ctx,
		  inspection_entry_add(ctx, id, "check", "Xem sổ tiếp nhận phản ánh", "", NULL));
	assert_ok(ctx,
		  inspection_entry_add(ctx, id, "finding", "Phản ánh quá hạn 5 ngày", "", NULL));
	assert_ok(ctx, inspection_recommend(ctx, id, "Đề nghị bố trí thêm chuyến thu gom.", &rec));
	/* the authority answers, the board may not */
	assert_int_equal(inspection_answer(ctx, rec, "accepted", "x"), DV_EPERM);
	ctx->actor = p.officer;
	assert_int_equal(inspection_answer(ctx, rec, "maybe", "x"), DV_EINVAL);
	assert_int_equal(inspection_answer(ctx, rec, "accepted", ""), DV_EINVAL);
	struct inspection_case c;
	/* on its due day it is not overdue, the day after it is */
	int64_t sent = ctx->now;
	ctx->now = at(date_add_days(time_local_date(sent), 15), 23);
	ctx->actor = &actor_anonymous;
	assert_ok(ctx, inspection_case_get(ctx, id, &c));
	assert_int_equal(c.nrecs, 1);
	assert_int_equal(c.recs[0].due, date_add_days(time_local_date(sent), 15));
	assert_false(c.recs[0].overdue);
	ctx->now = at(date_add_days(time_local_date(sent), 16), 0);
	assert_ok(ctx, inspection_case_get(ctx, id, &c));
	assert_true(c.recs[0].overdue);
	assert_int_equal(c.overdue, 1);
	ctx->actor = p.officer;
	assert_ok(ctx, inspection_answer(ctx, rec, "partly", "Tăng một chuyến vào sáng thứ Bảy."));
	ctx->actor = &actor_anonymous;
	assert_ok(ctx, inspection_case_get(ctx, id, &c));
	assert_int_equal(c.recs[0].outcome, OUTCOME_PARTLY);
	assert_false(c.recs[0].overdue);
	assert_int_equal(c.nentries, 2);
	assert_int_equal(c.report_id, report);
	assert_false(c.may_work);
	/* the complainant: the board and the authority only */
	assert_ok(ctx, inspection_case_get(ctx, complaint, &c));
	assert_string_equal(c.complainant, "");
	ctx->actor = p.officer;
	assert_ok(ctx, inspection_case_get(ctx, complaint, &c));
	assert_string_equal(c.complainant, "Bà Sáu, số 3 hẻm 15");
	/* closing needs a conclusion; then nothing changes */
	ctx->actor = p.inspector;
	assert_int_equal(inspection_case_close(ctx, id, ""), DV_EINVAL);
	assert_ok(ctx, inspection_case_close(ctx, id, "Phường đã khắc phục một phần."));
	assert_int_equal(inspection_recommend(ctx, id, "x", NULL), DV_ECONFLICT);
	ctx->actor = p.officer;
	assert_int_equal(inspection_answer(ctx, rec, "accepted", "x"), DV_ECONFLICT);
	/* the list and the quarter */
	struct inspection_case *v;
	size_t n;
	int more;
	assert_ok(ctx, inspection_case_list(ctx, p.t.tdh, 0, 0, 0, 10, &v, &n, &more));
	assert_int_equal(n, 2);
	int32_t from, to;
	assert_ok(ctx, inspection_quarter(&ctx->err, 2026, 1, &from, &to));
	assert_int_equal(from, 20260101);
	assert_int_equal(to, 20260331);
	assert_ok(ctx, inspection_quarter(&ctx->err, 2026, 4, &from, &to));
	assert_int_equal(to, 20261231);
	assert_int_equal(inspection_quarter(&ctx->err, 2026, 5, &from, &to), DV_EINVAL);
	struct inspection_rec *recs;
	assert_ok(ctx, inspection_recs_between(ctx, p.t.tdh, 20260101, 20261231, &recs, &n));
	assert_int_equal(n, 1);
	assert_string_equal(recs[0].case_title, "Rác tồn đọng ở chợ");
	test_ctx_free(ctx);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(members_come_from_meetings_of_type_5),
		cmocka_unit_test(the_board_needs_five_members_and_one_per_community),
		cmocka_unit_test(the_numbers_are_rules_a_deployment_may_raise),
		cmocka_unit_test(the_board_inspects_and_the_authority_answers),
	};
	return test_run(tests);
}
